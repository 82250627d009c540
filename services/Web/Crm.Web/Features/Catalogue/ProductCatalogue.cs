namespace Crm.Web.Features.Catalogue;

/// <summary>
/// The products a rep picks from for a deal's lines, so nobody types a product's UUID. The platform keeps no catalogue
/// of its own (a line carries the product's id and name), so the web app reads it from its configuration
/// (<c>Catalogue:Products</c>); an operator replaces the demo company's.
/// </summary>
public sealed class ProductCatalogue
{
    public IList<Product> Products { get; init; } = [];

    public Product? Find(string productId) => Products.FirstOrDefault(p => p.Id.ToString() == productId);
}
