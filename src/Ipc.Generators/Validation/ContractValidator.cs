using System.Collections.Generic;
using System.Collections.Immutable;
using Ipc.Generators.Diagnostics;
using Ipc.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Validation;

/// <summary>
/// The contract rules (IPC1001–IPC1011), in one place: the generator emits only what the review supports, and the
/// analyzers report the same problems where they are declared. Clashes between contracts (IPC1004 across a
/// compilation, IPC1012) are found on every contract's review once all are known (<see cref="ChannelClaim.FindClashes"/>,
/// <see cref="ContractClashes"/>).
/// </summary>
internal static class ContractValidator
{
    /// <summary>
    /// <c>[IpcChannel(IpcDirection.MainToRenderer)]</c> gives <see cref="ContractDirection.MainToRenderer"/>; no argument,
    /// or any other value, gives <see cref="ContractDirection.RendererToMain"/>, as the runtime's default does.
    /// </summary>
    public static ContractDirection DirectionOf(AttributeData channelAttribute) =>
        channelAttribute.ConstructorArguments.Length == 1
        && channelAttribute.ConstructorArguments[0].Value is int value
        && value == (int)ContractDirection.MainToRenderer
            ? ContractDirection.MainToRenderer
            : ContractDirection.RendererToMain;

    /// <summary>Reviews a contract in the direction its <c>[IpcChannel]</c> attribute names.</summary>
    public static ContractReview Review(INamedTypeSymbol contract, AttributeData channelAttribute) =>
        Review(contract, DirectionOf(channelAttribute));

    /// <summary>Checks one contract, base interfaces' members included: what breaks the rules, and what still gets code.</summary>
    public static ContractReview Review(INamedTypeSymbol contract, ContractDirection direction)
    {
        var problems = ImmutableArray.CreateBuilder<ContractProblem>();
        ContractPlacement? placement = ContractPlacement.Of(contract, out ContractProblem? placementProblem);
        if (placementProblem is not null)
        {
            problems.Add(placementProblem);
        }

        GeneratedNames? names = placement is null ? null : GeneratedNames.For(contract.Name, placement.ContainingTypes, placement.Namespace, direction);
        var methods = new List<IMethodSymbol>();
        foreach (ISymbol member in ContractMembers.Of(contract))
        {
            if (member is IMethodSymbol method)
            {
                methods.Add(method);
                CheckMethod(contract, method, direction, problems);
            }
            else if (member is IPropertySymbol or IEventSymbol)
            {
                string kind = member is IEventSymbol ? "an event" : member is IPropertySymbol { IsIndexer: true } ? "an indexer" : "a property";
                problems.Add(ContractProblem.Of(DiagnosticIds.PropertyOrEventInContract, member, NameIn(contract, member), kind));
            }
        }

        CheckChannelNamesAreUnique(contract, direction, methods, problems);
        if (names is not null)
        {
            CheckGeneratedNames(contract, names, methods, problems);
        }

        return new ContractReview(contract, direction, placement, names, problems.ToImmutable());
    }

    private static void CheckMethod(INamedTypeSymbol contract, IMethodSymbol method, ContractDirection direction, ImmutableArray<ContractProblem>.Builder problems)
    {
        MemberKind kind = ContractMembers.KindOf(method);
        string name = NameIn(contract, method);
        if (method.IsGenericMethod)
        {
            problems.Add(ContractProblem.Of(DiagnosticIds.GenericMethodInContract, method, name));
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            problems.Add(ContractProblem.Of(DiagnosticIds.ByReferenceInContract, method, $"The reply of '{name}'"));
        }

        if (direction == ContractDirection.MainToRenderer && kind == MemberKind.Sync)
        {
            problems.Add(ContractProblem.Of(DiagnosticIds.MainToRendererReturnsValue, method, name, method.ReturnType.ToDisplayString()));
        }

        ITypeSymbol? result = ContractMembers.ResultTypeOf(method);
        if (result is not null && !Serializability.Allows(result))
        {
            problems.Add(ContractProblem.Of(DiagnosticIds.NotSerializable, method, $"The reply of '{name}'", result.ToDisplayString()));
        }

        for (int i = 0; i < method.Parameters.Length; i++)
        {
            CheckParameter(name, method.Parameters[i], isLast: i == method.Parameters.Length - 1, kind, problems);
        }

        if (ContractMembers.ExplicitChannelNameOf(method, out string? channel) && !ChannelNaming.IsValid(channel))
        {
            problems.Add(ContractProblem.Of(DiagnosticIds.InvalidChannelName, method, name, channel ?? "null"));
        }
    }

    private static void CheckParameter(
        string methodName,
        IParameterSymbol parameter,
        bool isLast,
        MemberKind kind,
        ImmutableArray<ContractProblem>.Builder problems)
    {
        string described = $"Parameter '{parameter.Name}' of '{methodName}'";
        if (parameter.RefKind != RefKind.None)
        {
            problems.Add(ContractProblem.Of(DiagnosticIds.ByReferenceInContract, parameter, described));
        }

        if (KnownTypes.IsCancellationToken(parameter.Type))
        {
            // An invocation in either direction takes its token from the call; a message has no call to cancel.
            string? misplaced = kind != MemberKind.Invoke
                ? $"'{methodName}' does not return Task, Task<T>, ValueTask or ValueTask<T>, so it is not an invocation and cannot be cancelled"
                : !isLast ? $"it must be the last parameter of '{methodName}'"
                : null;
            if (misplaced is not null)
            {
                problems.Add(ContractProblem.Of(DiagnosticIds.MisplacedCancellationToken, parameter, parameter.Name, methodName, misplaced));
            }

            return;
        }

        if (!Serializability.Allows(parameter.Type))
        {
            problems.Add(ContractProblem.Of(DiagnosticIds.NotSerializable, parameter, described, parameter.Type.ToDisplayString()));
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
            problems.Add(ContractProblem.Of(
                DiagnosticIds.DuplicateChannelName,
                methods[index],
                NameIn(contract, methods[index]),
                claims[index].Channel,
                $"'{NameIn(contract, methods[firstIndex])}'"));
        }
    }

    /// <summary>
    /// IPC1011: a member whose name the generated code already uses, or that an earlier member already took (each member
    /// becomes a property of the view and a class of the channels, named after it, so overloads cannot both).
    /// </summary>
    private static void CheckGeneratedNames(
        INamedTypeSymbol contract,
        GeneratedNames names,
        List<IMethodSymbol> methods,
        ImmutableArray<ContractProblem>.Builder problems)
    {
        var taken = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (IMethodSymbol method in methods)
        {
            string? collision = names.CollisionWith(method.Name);
            if (collision is null && !taken.Add(method.Name) && !HasProblem(problems, method, DiagnosticIds.DuplicateChannelName))
            {
                collision = $"another member named '{method.Name}' (an overload)";
            }

            if (collision is not null)
            {
                problems.Add(ContractProblem.Of(DiagnosticIds.MemberNameCollidesWithGeneratedCode, method, NameIn(contract, method), collision));
            }
        }
    }

    private static bool HasProblem(ImmutableArray<ContractProblem>.Builder problems, ISymbol member, string ruleId)
    {
        foreach (ContractProblem problem in problems)
        {
            if (problem.RuleId == ruleId && SymbolEqualityComparer.Default.Equals(problem.AffectedMember, member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A member's name as a message shows it: qualified by its interface when the contract inherits it.</summary>
    private static string NameIn(INamedTypeSymbol contract, ISymbol member) =>
        SymbolEqualityComparer.Default.Equals(member.ContainingType, contract) ? member.Name : member.ContainingType.Name + "." + member.Name;
}
