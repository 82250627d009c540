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
    /// <summary>The company and the person of a lead; the person's phone, when written without its country code, is
    /// read in the company's country. CaptureLead and every imported row are checked by this one rule.</summary>
    public static (CompanyDetails Company, ContactDetails Contact) Details(Company? company, Person? person, RequestCheck check)
    {
        var details = Company(company, check);
        return (details, Contact(person, details.Address is { Country.Length: > 0 } address ? address.Country : null, check));
    }

    private static CompanyDetails Company(Company? company, RequestCheck check)
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
    private static ContactDetails Contact(Person? person, string? country, RequestCheck check)
    {
        if (person is null)
        {
            check.Fail("contact", "is required (at least a last name and an e-mail or a phone)");
            return new ContactDetails(string.Empty, string.Empty, null, null, null, Contracts.BuyingRole.Unknown);
        }

        var firstName = check.OptionalText(person.FirstName, "contact.first_name") ?? string.Empty;
        var lastName = check.Text(person.LastName, "contact.last_name");
        var title = check.OptionalText(person.Title, "contact.title");
        var email = check.OptionalEmail(person.Email, "contact.email");
        var phone = check.OptionalPhone(person.Phone, "contact.phone", country);
        var role = check.Known(person.BuyingRole, "contact.buying_role", required: false);
        if (email is null && string.IsNullOrWhiteSpace(person.Phone))
        {
            check.Fail("contact.email", "an e-mail or a phone (contact.phone) is required");
        }

        return new ContactDetails(firstName, lastName, title, email, phone, CommonEnums.ToContract(role));
    }
}
