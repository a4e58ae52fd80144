using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ipc.Runtime.Tests.Infrastructure;

/// <summary>An ILoggerFactory that hands out one <see cref="RecordingLogger"/> per category.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, RecordingLogger> _loggers = new();

    /// <summary>The logger of <paramref name="category"/>, empty if nothing asked for it.</summary>
    public RecordingLogger this[string category] => _loggers.GetOrAdd(category, _ => new RecordingLogger());

    public IReadOnlyCollection<string> Categories => [.. _loggers.Keys];

    public ILogger CreateLogger(string categoryName) => this[categoryName];

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
