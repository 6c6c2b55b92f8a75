using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.Logging.Abstractions;

// A renderer is the one place that sees render batches: a test's measuring instrument, as bUnit's own renderer is.
#pragma warning disable BL0006

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// A renderer of an interactive server circuit that records, batch by batch, which components rendered and how many
/// edits their diffs sent to the browser: the render work a change costs each open board, counted, not timed. bUnit's
/// own render counts include a component's descendants; this counts each component that rendered itself.
/// </summary>
public sealed class CountingRenderer(IServiceProvider services) : Renderer(services, NullLoggerFactory.Instance)
{
    private readonly List<RenderedBatch> _batches = [];
    private TaskCompletionSource<RenderedBatch>? _waiting;
    private Type? _waitingFor;

    public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

    protected override RendererInfo RendererInfo { get; } = new("Server", isInteractive: true);

    /// <summary>What one render batch held: the type of each component that rendered, and the edits sent.</summary>
    public sealed record RenderedBatch(IReadOnlyList<Type> Components, int Edits)
    {
        public int Count<T>() => Components.Count(c => c == typeof(T));

        public override string ToString() => $"{Components.Count} components, {Edits} edits ({string.Join(", ",
            Components.GroupBy(c => c.Name).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))})";
    }

    /// <summary>Renders a <typeparamref name="T"/> as the root of this renderer.</summary>
    public Task<T> RenderAsync<T>() where T : IComponent => Dispatcher.InvokeAsync(async () =>
    {
        var component = (T)InstantiateComponent(typeof(T));
        await RenderRootComponentAsync(AssignRootComponentId(component));
        return component;
    });

    /// <summary>The next batch in which a <typeparamref name="T"/> rendered (start waiting before causing it).</summary>
    public Task<RenderedBatch> NextBatchRendering<T>()
    {
        lock (_batches)
        {
            _waitingFor = typeof(T);
            _waiting = new TaskCompletionSource<RenderedBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiting.Task;
        }
    }

    protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
    {
        var components = new List<Type>();
        var edits = 0;
        for (var i = 0; i < renderBatch.UpdatedComponents.Count; i++)
        {
            var diff = renderBatch.UpdatedComponents.Array[i];
            components.Add(GetComponentState(diff.ComponentId).Component.GetType());
            edits += diff.Edits.Count;
        }

        var batch = new RenderedBatch(components, edits);
        lock (_batches)
        {
            _batches.Add(batch);
            if (_waitingFor is { } type && components.Contains(type))
            {
                _waiting!.TrySetResult(batch);
                _waitingFor = null;
            }
        }

        return Task.CompletedTask;
    }

    protected override void HandleException(Exception exception)
    {
        lock (_batches)
        {
            _waiting?.TrySetException(exception);
        }
    }
}
