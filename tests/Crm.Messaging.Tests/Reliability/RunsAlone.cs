namespace Crm.Messaging.Tests.Reliability;

/// <summary>
/// The broker-restart test runs alone, after the others: it asserts how soon consumers are back, which a machine busy
/// with every other test class cannot promise.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
