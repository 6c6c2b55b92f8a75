using Microsoft.AspNetCore.Components;

namespace ProposalPortal.Components;

/// <summary>
/// An interactive island that hears of changes on another thread (the notifier, the boards' snapshots) and answers them
/// on its circuit's renderer: the notice bell, the live boards, the live refresh of the static pages. One way to do it,
/// as dotnet/eShop's live components do: <see cref="ComponentBase.InvokeAsync(Func{Task})"/>, and a failure reported
/// with <see cref="ComponentBase.DispatchExceptionAsync"/>.
/// </summary>
public abstract class LiveComponent : ComponentBase
{
    /// <summary>
    /// Runs <paramref name="work"/> on the renderer's context, not awaited: whoever tells of the change (the notifier, the
    /// snapshot that serves every board) does not wait for this circuit. A failure is the circuit's, as any other
    /// unhandled exception of a component, rather than lost on a background task.
    /// </summary>
    protected void Dispatch(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        _ = InvokeAsync(async () =>
        {
            try
            {
                await work();
            }
#pragma warning disable CA1031 // Reported to the circuit's error handling, which decides what an unhandled exception does.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await DispatchExceptionAsync(e);
            }
        });
    }
}
