namespace Crm.Messaging.Commands;

/// <summary>
/// The aggregate a command changes, as its messages name it: <see cref="Subject"/> is <c>lead 0193…</c>,
/// <see cref="IdField"/> the request field that holds its id (<c>lead_id</c>), named when it does not exist.
/// </summary>
public sealed record CommandTarget(string IdField, string Subject);
