namespace Crm.Leads.Features.Import;

/// <summary>The columns of a lead list the import reads; any other column is ignored.</summary>
internal enum LeadColumn
{
    Company,
    FirstName,
    LastName,
    Email,
    Phone,
    Title,
    Industry,
    Region,
    Country,
}
