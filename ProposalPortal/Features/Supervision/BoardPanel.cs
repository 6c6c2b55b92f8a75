using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// A board panel re-renders only when its own data changed: the board reloads everything on each change, and each
/// panel compares what it is given with what it last rendered. <see cref="RenderVersion"/> (shown as
/// data-version) counts its renders, so tests and curious users can see which panels moved.
/// </summary>
public abstract class BoardPanel<TData> : ComponentBase
{
    private string? _rendered;
    private string? _incoming;

    [Parameter, EditorRequired]
    public TData Data { get; set; } = default!;

    protected int RenderVersion { get; private set; }

    protected override void OnParametersSet()
    {
        _incoming = JsonSerializer.Serialize(Data);
        if (_rendered is null)
        {
            // The first render happens without asking ShouldRender.
            _rendered = _incoming;
            RenderVersion = 1;
        }
    }

    protected override bool ShouldRender()
    {
        if (_incoming == _rendered)
        {
            return false;
        }

        _rendered = _incoming;
        RenderVersion++;
        return true;
    }
}
