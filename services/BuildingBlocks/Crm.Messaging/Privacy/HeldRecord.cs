namespace Crm.Messaging.Privacy;

/// <summary>One record a service holds about a person, with each of its fields that says something about them.</summary>
/// <param name="Kind">What it is ("lead", "contact").</param>
/// <param name="Id">Its id in the service.</param>
/// <param name="Fields">Name and value, named as the service's API names them; blank values left out.</param>
public sealed record HeldRecord(string Kind, Guid Id, IReadOnlyList<KeyValuePair<string, string>> Fields);
