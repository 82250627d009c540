using Crm.Contracts;

namespace Crm.Leads.Domain;

/// <summary>A customer's contact as opportunities' ContactAdded and ContactUpdated describe them.</summary>
/// <param name="FirstName">Their first name.</param>
/// <param name="LastName">Their last name.</param>
/// <param name="Email">Their e-mail address, as written.</param>
/// <param name="Phone">Their phone, as written.</param>
/// <param name="Title">Their job title.</param>
/// <param name="BuyingRole">Their part in buying decisions (a segment's persona).</param>
public sealed record ContactProfile(string FirstName, string LastName, string? Email, string? Phone, string? Title, BuyingRole BuyingRole);
