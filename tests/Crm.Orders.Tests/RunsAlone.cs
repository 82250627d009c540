namespace Crm.Orders.Tests;

/// <summary>Tests that restart the shared broker run alone, after the others, which would lose it under their feet; and
/// the accounting feed's, whose appender takes only what no open transaction on the server can still precede (its
/// horizon): another test's long transaction would hold back the event a test waits a bounded time for.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
