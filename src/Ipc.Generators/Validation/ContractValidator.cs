using System.Collections.Generic;
using System.Collections.Immutable;
using Ipc.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Validation;

/// <summary>
/// The contract rules of BRIEF §4 (IPC1001–IPC1008), in one place: the generator skips a contract with any
/// problem, and the analyzers report the same problems at their members. Clashes between contracts
/// (IPC1004 across a compilation) are found with <see cref="ChannelClaim.FindClashes"/> on every contract's claims.
/// </summary>
internal static class ContractValidator
{
    /// <summary>Checks one contract, base interfaces' members included, and lists what breaks the rules.</summary>
    public static ImmutableArray<ContractProblem> Validate(INamedTypeSymbol contract, ContractDirection direction)
    {
        var problems = ImmutableArray.CreateBuilder<ContractProblem>();
        var methods = new List<IMethodSymbol>();
        foreach (ISymbol member in ContractMembers.Of(contract))
        {
            if (member is IMethodSymbol method)
            {
                methods.Add(method);
                CheckMethod(method, direction, problems);
            }
            else if (member is IPropertySymbol or IEventSymbol)
            {
                problems.Add(new ContractProblem(
                    ContractRules.PropertyOrEvent,
                    member,
                    $"'{member.Name}' is a {(member is IEventSymbol ? "event" : "property")}; an [IpcChannel] contract may only declare methods"));
            }
        }

        CheckChannelNamesAreUnique(contract, direction, methods, problems);
        return problems.ToImmutable();
    }

    /// <summary>Whether values of <paramref name="type"/> can travel as serialised copies.</summary>
    public static bool IsSerializable(ITypeSymbol type)
    {
        if (type.TypeKind is TypeKind.Delegate or TypeKind.Pointer or TypeKind.FunctionPointer
            || type.IsRefLikeType
            || KnownTypes.IsStream(type)
            || KnownTypes.IsAwaitable(type)
            || KnownTypes.IsCancellationToken(type))
        {
            return false;
        }

        if (type is IArrayTypeSymbol array)
        {
            return IsSerializable(array.ElementType);
        }

        if (type is INamedTypeSymbol named)
        {
            foreach (ITypeSymbol argument in named.TypeArguments)
            {
                if (!IsSerializable(argument))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void CheckMethod(IMethodSymbol method, ContractDirection direction, ImmutableArray<ContractProblem>.Builder problems)
    {
        MemberKind kind = ContractMembers.KindOf(method);
        if (method.IsGenericMethod)
        {
            problems.Add(new ContractProblem(ContractRules.GenericMethod, method, $"'{method.Name}' is generic; the types a channel carries must be fixed"));
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            problems.Add(new ContractProblem(ContractRules.ByReferenceParameter, method, $"'{method.Name}' returns by reference; a reply is always a copy"));
        }

        if (direction == ContractDirection.MainToRenderer && kind == MemberKind.Sync)
        {
            problems.Add(new ContractProblem(
                ContractRules.MainToRendererReturnsValue,
                method,
                $"'{method.Name}' returns '{method.ReturnType.ToDisplayString()}' without being awaitable; main never blocks on a renderer, so a main → renderer member returns void (a message) or Task, Task<T>, ValueTask or ValueTask<T> (an invocation)"));
        }

        ITypeSymbol? result = ContractMembers.ResultTypeOf(method);
        if (result is not null && !IsSerializable(result))
        {
            problems.Add(new ContractProblem(ContractRules.NotSerializable, method, $"'{method.Name}' returns '{result.ToDisplayString()}', which cannot be serialised"));
        }

        for (int i = 0; i < method.Parameters.Length; i++)
        {
            CheckParameter(method, method.Parameters[i], isLast: i == method.Parameters.Length - 1, kind, problems);
        }

        if (ContractMembers.ExplicitChannelNameOf(method, out string? name) && !IsValidChannelName(name))
        {
            problems.Add(new ContractProblem(ContractRules.InvalidChannelName, method, $"'{method.Name}' names its channel \"{name}\"; a channel name must not be empty, white space, contain control characters or start with \"{ReservedChannelPrefix}\" (reserved for IpcGen's own channels)"));
        }
    }

    private static void CheckParameter(
        IMethodSymbol method,
        IParameterSymbol parameter,
        bool isLast,
        MemberKind kind,
        ImmutableArray<ContractProblem>.Builder problems)
    {
        if (parameter.RefKind != RefKind.None)
        {
            problems.Add(new ContractProblem(ContractRules.ByReferenceParameter, parameter, $"Parameter '{parameter.Name}' of '{method.Name}' is passed by reference; arguments are always copies"));
        }

        if (KnownTypes.IsCancellationToken(parameter.Type))
        {
            // An invocation in either direction takes its token from the call; a message has no call to cancel.
            string? misplaced = kind != MemberKind.Invoke
                ? $"'{method.Name}' does not return Task, Task<T>, ValueTask or ValueTask<T>, so it is not an invocation and cannot be cancelled"
                : !isLast ? $"it must be the last parameter of '{method.Name}'"
                : null;
            if (misplaced is not null)
            {
                problems.Add(new ContractProblem(
                    ContractRules.MisplacedCancellationToken,
                    parameter,
                    $"Parameter '{parameter.Name}' of '{method.Name}' is a CancellationToken; {misplaced}"));
            }

            return;
        }

        if (!IsSerializable(parameter.Type))
        {
            problems.Add(new ContractProblem(ContractRules.NotSerializable, parameter, $"Parameter '{parameter.Name}' of '{method.Name}' is a '{parameter.Type.ToDisplayString()}', which cannot be serialised"));
        }
    }

    private static void CheckChannelNamesAreUnique(
        INamedTypeSymbol contract,
        ContractDirection direction,
        List<IMethodSymbol> methods,
        ImmutableArray<ContractProblem>.Builder problems)
    {
        string contractName = contract.ToDisplayString();
        var claims = new List<ChannelClaim>(methods.Count);
        foreach (IMethodSymbol method in methods)
        {
            claims.Add(new ChannelClaim(contractName, method.Name, ContractMembers.ChannelNameOf(method), direction));
        }

        foreach ((int index, int firstIndex) in ChannelClaim.FindClashes(claims))
        {
            problems.Add(new ContractProblem(
                ContractRules.DuplicateChannelName,
                methods[index],
                $"'{methods[index].Name}' uses channel '{claims[index].Channel}', as does '{methods[firstIndex].Name}'"));
        }
    }

    /// <summary>The prefix the runtime keeps for its own channels (its ChannelName.ReservedPrefix) and refuses in user code.</summary>
    private const string ReservedChannelPrefix = "ipcgen:";

    private static bool IsValidChannelName(string? name)
    {
        if (name is null || string.IsNullOrWhiteSpace(name) || name.StartsWith(ReservedChannelPrefix, System.StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
