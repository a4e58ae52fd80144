namespace Ipc.Reliability.Tests.Infrastructure;

/// <summary>
/// Tests that move a lot of data over real sockets or start processes run one at a time, so that on a
/// two-core machine they do not starve each other into their "does not hang" bounds.
/// </summary>
[CollectionDefinition(nameof(SocketScenarios))]
public sealed class SocketScenarios;
