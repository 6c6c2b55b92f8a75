using System.Reflection;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Proposals.UseCases;

/// <summary>Something someone asks the portal to do, with one handler (<see cref="UseCase{TCommand}"/>) in the same file.</summary>
public interface ICommand;

/// <summary>Something someone asks for that brings a value back (a registration: the new item), handled by a <see cref="UseCase{TCommand, TValue}"/>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "It names what a command brings back, for the dispatcher.")]
public interface ICommand<TValue>;

/// <summary>
/// A change someone asks for on one item, as the version they were looking at: a save is refused when someone else
/// saved after it.
/// </summary>
public interface IProposalCommand : ICommand
{
    int ProposalId { get; }

    int ExpectedVersion { get; }
}

/// <summary>Runs a command whose type is known only at run time (the item page's dialogs build different ones).</summary>
public interface IUseCase
{
    Task<Result> HandleAsync(ICommand command, Actor actor, CancellationToken cancellationToken = default);
}

/// <summary>
/// The handler of one use case. Handlers stay small: they say which domain step the command is, and hand it to
/// <see cref="ProposalService"/>, the one engine that loads the item, checks who may see it and the version, runs the
/// step, saves and lets the domain events go out. Who acts is the caller's fresh read of the account
/// (<see cref="Account.CurrentActor"/>): a page, an endpoint, a background job and a test all call the same handler.
/// </summary>
public abstract class UseCase<TCommand> : IUseCase where TCommand : ICommand
{
    public abstract Task<Result> HandleAsync(TCommand command, Actor actor, CancellationToken cancellationToken = default);

    Task<Result> IUseCase.HandleAsync(ICommand command, Actor actor, CancellationToken cancellationToken) =>
        HandleAsync((TCommand)command, actor, cancellationToken);
}

/// <summary>Runs a command that brings a value back, its type known only at run time.</summary>
public interface IUseCase<TValue>
{
    Task<Result<TValue>> HandleAsync(ICommand<TValue> command, Actor actor, CancellationToken cancellationToken = default);
}

/// <summary>The handler of a use case that brings a value back: the value, or the Chinese reason it was refused.</summary>
public abstract class UseCase<TCommand, TValue> : IUseCase<TValue> where TCommand : ICommand<TValue>
{
    public abstract Task<Result<TValue>> HandleAsync(TCommand command, Actor actor, CancellationToken cancellationToken = default);

    Task<Result<TValue>> IUseCase<TValue>.HandleAsync(ICommand<TValue> command, Actor actor, CancellationToken cancellationToken) =>
        HandleAsync((TCommand)command, actor, cancellationToken);
}

/// <summary>Finds the handler of a command. No mediator library: the container holds one handler per command type.</summary>
public sealed class UseCaseDispatcher(IServiceProvider services)
{
    public Task<Result> RunAsync(ICommand command, Actor actor, CancellationToken cancellationToken = default)
    {
        var handler = (IUseCase)services.GetRequiredService(typeof(UseCase<>).MakeGenericType(command.GetType()));
        return handler.HandleAsync(command, actor, cancellationToken);
    }

    public Task<Result<TValue>> RunAsync<TValue>(ICommand<TValue> command, Actor actor, CancellationToken cancellationToken = default)
    {
        var handler = (IUseCase<TValue>)services.GetRequiredService(typeof(UseCase<,>).MakeGenericType(command.GetType(), typeof(TValue)));
        return handler.HandleAsync(command, actor, cancellationToken);
    }
}

public static class UseCaseRegistration
{
    /// <summary>Registers every handler in the app (scoped, like <see cref="ProposalService"/> they use) under its <see cref="UseCase{TCommand}"/>.</summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        foreach (var (handler, contract) in Handlers())
        {
            services.AddScoped(contract, handler);
        }

        services.AddScoped<UseCaseDispatcher>();
        return services;
    }

    /// <summary>Every handler type with the <see cref="UseCase{TCommand}"/> (or <see cref="UseCase{TCommand, TValue}"/>) it serves.</summary>
    internal static IEnumerable<(Type Handler, Type Contract)> Handlers() =>
        from type in typeof(UseCase<>).Assembly.GetTypes()
        where type is { IsAbstract: false, IsClass: true } && type.BaseType is { IsGenericType: true } b
            && (b.GetGenericTypeDefinition() == typeof(UseCase<>) || b.GetGenericTypeDefinition() == typeof(UseCase<,>))
        select (type, type.BaseType!);
}
