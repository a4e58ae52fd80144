namespace Ipc.Reliability.Tests.Infrastructure;

/// <summary>
/// Tests that assert bounds on this process's live heap run alone, after every parallel collection: another
/// test's allocations in the same process would count towards main's, and on two cores its CPU use would
/// stretch their waits.
/// </summary>
[CollectionDefinition(nameof(HeapMeasuredScenarios), DisableParallelization = true)]
public sealed class HeapMeasuredScenarios;
