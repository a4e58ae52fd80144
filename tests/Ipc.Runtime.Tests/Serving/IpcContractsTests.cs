using Ipc.CompilerServices;

namespace Ipc.Runtime.Tests.Serving;

/// <summary>
/// <see cref="IpcContracts"/>, where a generic host finds a contract's generated code from its type: one slot per
/// contract type, filled by <see cref="IpcContracts.Register{TContract}"/>, and empty for a type no generated code registers.
/// </summary>
public sealed class IpcContractsTests
{
    public interface IRegistered;

    public interface IReplaced;

    public interface INeverRegistered;

    [Fact]
    public void FindReturnsTheBindingRegisteredForTheContract()
    {
        var binding = new IpcContractBinding<IRegistered> { Direction = IpcDirection.MainToRenderer };

        IpcContracts.Register(binding);

        Assert.Same(binding, IpcContracts.Find<IRegistered>());
    }

    [Fact]
    public void ALaterRegistrationReplacesTheEarlierOne()
    {
        var first = new IpcContractBinding<IReplaced>();
        var second = new IpcContractBinding<IReplaced>();

        IpcContracts.Register(first);
        IpcContracts.Register(second);

        Assert.Same(second, IpcContracts.Find<IReplaced>());
    }

    [Fact]
    public void FindReturnsNullForATypeThatNoGeneratedCodeRegisters()
    {
        Assert.Null(IpcContracts.Find<INeverRegistered>());
        Assert.Null(IpcContracts.Find<IDisposable>());
    }

    [Fact]
    public void RegisteringNothingThrowsArgumentNullException()
    {
        Assert.Equal("binding", Assert.Throws<ArgumentNullException>(() => IpcContracts.Register<IRegistered>(null!)).ParamName);
    }
}
