namespace Crm.Orders.Tests;

/// <summary>Tests that restart the shared broker run alone, after the others, which would lose it under their feet.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
