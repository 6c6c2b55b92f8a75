using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// Whether this circuit's browser is connected. A circuit outlives its socket for the retention period (three minutes by
/// default) so that a dropped network can come back to the same page; a live board in such a circuit has nobody to show
/// a change to, yet rendered and diffed it on every change, beside the boards people are watching. The boards hold
/// the latest snapshot while their browser is away and show it when it comes back (<see cref="LiveBoardBase"/>).
/// One per circuit: registered as a scoped <see cref="CircuitHandler"/>.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private readonly Lock _gate = new();
    private List<Func<Task>> _onReconnected = [];

    public bool IsConnected { get; private set; } = true;

    /// <summary>Calls <paramref name="callback"/> each time the browser comes back, until the handle is disposed.</summary>
    public IDisposable OnReconnected(Func<Task> callback)
    {
        lock (_gate)
        {
            _onReconnected = [.. _onReconnected, callback];
        }

        return new Registration(this, callback);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsConnected = false;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsConnected = true;
        List<Func<Task>> callbacks;
        lock (_gate)
        {
            callbacks = _onReconnected;
        }

        foreach (var callback in callbacks)
        {
            await callback();
        }
    }

    private sealed class Registration(CircuitConnection owner, Func<Task> callback) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._onReconnected = owner._onReconnected.Where(c => c != callback).ToList();
            }
        }
    }
}
