namespace Crm.Web.Features.Catalogue;

/// <summary>Something the company sells: deal and order lines name it by its id (a UUID) and its name.</summary>
public sealed record Product(Guid Id, string Name, decimal ListPrice, string Currency);
