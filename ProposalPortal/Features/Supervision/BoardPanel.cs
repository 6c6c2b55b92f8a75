using Microsoft.AspNetCore.Components;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// A board panel re-renders only when it is handed another object than it last rendered, or when its other parameters
/// (<see cref="Look"/>) changed. Its data is its part of the board's snapshot (<see cref="BoardParts"/>), which stays
/// the same object from one change to the next unless that part changed, decided once per change for every board
/// (<see cref="BoardSnapshots"/>): so deciding costs each of 200 open boards one comparison per panel, where it used
/// to serialize every panel's data to JSON. <see cref="RenderVersion"/> (shown as data-version) counts its renders,
/// so tests and curious users can see which panels moved.
/// </summary>
public abstract class BoardPanel<TData> : ComponentBase where TData : class
{
    private TData? _rendered;
    private object? _renderedLook;

    [Parameter, EditorRequired]
    public TData Data { get; set; } = default!;

    protected int RenderVersion { get; private set; }

    /// <summary>The panel's parameters besides its data that change what it shows (a title, whether 催办 is offered), compared by value.</summary>
    protected virtual object? Look => null;

    protected override void OnParametersSet()
    {
        if (RenderVersion == 0)
        {
            // The first render happens without asking ShouldRender.
            (_rendered, _renderedLook) = (Data, Look);
            RenderVersion = 1;
        }
    }

    protected override bool ShouldRender()
    {
        var look = Look;
        if (ReferenceEquals(Data, _rendered) && Equals(look, _renderedLook))
        {
            return false;
        }

        (_rendered, _renderedLook) = (Data, look);
        RenderVersion++;
        return true;
    }
}
