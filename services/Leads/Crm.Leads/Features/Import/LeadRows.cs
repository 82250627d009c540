using Crm.Api;
using Crm.Leads.Domain;
using Crm.Leads.Grpc.V1;
using ImportRejection = Crm.Leads.Domain.ImportRejection;
using Lead = Crm.Leads.Domain.Lead;
using WireAddress = Crm.Common.Grpc.V1.PostalAddress;

namespace Crm.Leads.Features.Import;

/// <summary>
/// A row of a lead list as a lead: its fields are put where CaptureLead's request has them and checked by the same
/// rule (<see cref="CaptureRules"/>), and the lead is captured by the same entity method, so an imported lead is
/// exactly the lead CaptureLead would store. The one thing done here first: a country code written in lower case
/// ("de") is read in upper case, as lists bought elsewhere often write it.
/// </summary>
internal static class LeadRows
{
    /// <summary>The lead the current row of <paramref name="file"/> describes, or why it is refused, naming the column.</summary>
    public static (Lead? Lead, string? Problem) Read(LeadFile file, ImportStart start, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(start);
        if (file.FieldCount != file.Header.Count)
        {
            return (null, $"the row has {file.FieldCount} fields; the header has {file.Header.Count}");
        }

        var company = new Company { Name = file.Field(LeadColumn.Company), Industry = file.Field(LeadColumn.Industry) };
        var region = file.Field(LeadColumn.Region);
        var country = file.Field(LeadColumn.Country).Trim().ToUpperInvariant();
        if (!string.IsNullOrWhiteSpace(region) || country.Length > 0)
        {
            company.Address = new WireAddress { Region = region, Country = country };
        }

        var person = new Person
        {
            FirstName = file.Field(LeadColumn.FirstName),
            LastName = file.Field(LeadColumn.LastName),
            Title = file.Field(LeadColumn.Title),
            Email = file.Field(LeadColumn.Email),
            Phone = file.Field(LeadColumn.Phone),
        };
        var check = new RequestCheck();
        var (companyDetails, contact) = CaptureRules.Details(company, person, check);
        return check.Failure is { } failure
            ? (null, LeadColumns.InFileTerms(failure.Detail))
            : (Lead.Capture(start.Source, start.CampaignId, companyDetails, contact, notes: null, start.By, at, start.SalesTeam), null);
    }

    /// <summary>The current row, refused for <paramref name="problem"/>, with its e-mail (when it is no longer than an
    /// e-mail can be) so that the person's erasure finds it.</summary>
    public static ImportRejection Rejected(LeadFile file, Guid importId, string problem)
    {
        ArgumentNullException.ThrowIfNull(file);
        var email = file.Field(LeadColumn.Email);
        return ImportRejection.Of(importId, file.Line, problem, file.RawLine(), email.Length <= TextLimits.Email ? email : null);
    }
}
