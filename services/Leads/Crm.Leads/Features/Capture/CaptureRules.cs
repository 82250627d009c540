using Crm.Api;
using Crm.Contracts.Leads;
using Crm.Leads.Domain;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Contracts = Crm.Contracts;

namespace Crm.Leads.Features;

/// <summary>What a captured lead must carry: a company with a name, a person with a last name, and a way to reach them.</summary>
internal static class CaptureRules
{
    public static CompanyDetails Company(Company? company, RequestCheck check)
    {
        if (company is null)
        {
            check.Fail("company", "is required (at least its name)");
            return new CompanyDetails(string.Empty, null, null, null, null);
        }

        var name = check.Text(company.Name, "company.name");
        var industry = check.OptionalText(company.Industry, "company.industry");
        var website = check.OptionalText(company.Website, "company.website", TextLimits.Address);
        if (company.EmployeeCount < 0)
        {
            check.Fail("company.employee_count", "must not be negative");
        }

        return new CompanyDetails(name, industry, website, company.EmployeeCount > 0 ? company.EmployeeCount : null, check.Address(company.Address, "company.address", complete: false));
    }

    /// <summary>The person to reach; a phone without its country code is read in <paramref name="country"/> (the company's).</summary>
    public static ContactDetails Contact(Person? person, string? country, RequestCheck check)
    {
        if (person is null)
        {
            check.Fail("contact", "is required (at least a last name and an e-mail or a phone)");
            return new ContactDetails(string.Empty, string.Empty, null, null, null, Contracts.BuyingRole.Unknown);
        }

        var firstName = check.OptionalText(person.FirstName, "contact.first_name") ?? string.Empty;
        var lastName = check.Text(person.LastName, "contact.last_name");
        var title = check.OptionalText(person.Title, "contact.title");
        var email = check.OptionalText(person.Email, "contact.email", TextLimits.Email);
        var phone = check.OptionalPhone(person.Phone, "contact.phone", country);
        var role = check.Known(person.BuyingRole, "contact.buying_role", required: false);
        if (email is not null && !LooksLikeEmail(email))
        {
            check.Fail("contact.email", $"'{email}' is not an e-mail address");
        }

        if (email is null && string.IsNullOrWhiteSpace(person.Phone))
        {
            check.Fail("contact.email", "an e-mail or a phone (contact.phone) is required");
        }

        return new ContactDetails(firstName, lastName, title, email, phone, WireMapping.ToContract(role));
    }

    /// <summary>One @ with something on both sides and a dot in the domain: enough to catch a typo, not a full RFC 5322 check.</summary>
    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }
}
