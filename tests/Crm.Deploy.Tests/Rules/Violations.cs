namespace Crm.Deploy.Tests.Rules;

/// <summary>
/// Everything a test found wrong, reported together: one failing run names every offending document and container,
/// not only the first.
/// </summary>
public sealed class Violations
{
    private readonly List<string> _found = [];

    public void Add(string violation) => _found.Add(violation);

    public void AddUnless(bool condition, string violation)
    {
        if (!condition)
        {
            _found.Add(violation);
        }
    }

    public void AssertNone(string overlay) =>
        Assert.True(_found.Count == 0, $"overlay {overlay}:{Environment.NewLine}{string.Join(Environment.NewLine, _found.Select(v => "  - " + v))}");
}
