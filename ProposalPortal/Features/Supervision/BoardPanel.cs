using Microsoft.AspNetCore.Components;

namespace ProposalPortal.Features.Supervision;

/// <summary>
/// A board panel re-renders only when it is handed another object than it last rendered, or when its other parameters
/// (<see cref="Look"/>) changed. Its data is its part of the board's snapshot (<see cref="BoardParts"/>), which stays
/// the same object from one change to the next unless that part changed, decided once per change for every board
/// (<see cref="BoardSnapshots"/>): so deciding costs each of 200 open boards one comparison per panel, where it used
/// to serialize every panel's data to JSON. <see cref="RenderVersion"/> (shown as data-version) counts its renders,
/// so tests and curious users can see which panels moved.
/// <para>
/// A panel inside <see cref="BoardGrid"/> takes its data from the board's parts, cascaded (<see cref="Part"/>), not as a
/// parameter: on a change the board hands the cascade the new parts and Blazor tells each panel directly, so the grid
/// and its items, which would otherwise pass every change on to every panel, are not rendered at all.
/// </para>
/// </summary>
public abstract class BoardPanel<TData> : ComponentBase where TData : class
{
    private TData? _rendered;
    private object? _renderedLook;

    /// <summary>What the panel shows; set by <see cref="Part"/> when the panel takes the board's cascaded parts.</summary>
    [Parameter]
    public TData Data { get; set; } = default!;

    /// <summary>Which of the board's cascaded parts is this panel's data, instead of <see cref="Data"/>.</summary>
    [Parameter]
    public Func<BoardParts, TData>? Part { get; set; }

    [CascadingParameter]
    private BoardParts? Parts { get; set; }

    protected int RenderVersion { get; private set; }

    /// <summary>The panel's parameters besides its data that change what it shows (a title, whether 催办 is offered), compared by value.</summary>
    protected virtual object? Look => null;

    protected override void OnParametersSet()
    {
        if (Part is { } part && Parts is { } parts)
        {
            Data = part(parts);
        }

        if (RenderVersion == 0)
        {
            // The first render happens without asking ShouldRender.
            (_rendered, _renderedLook) = (Data, Look);
            RenderVersion = 1;
        }
    }

    /// <summary>
    /// Whether <paramref name="now"/> shows differently from <paramref name="rendered"/>: another object, unless a panel
    /// that shows only something about its data (whether there is any) says otherwise.
    /// </summary>
    protected virtual bool Differs(TData rendered, TData now) => !ReferenceEquals(rendered, now);

    protected override bool ShouldRender()
    {
        var look = Look;
        if (!Differs(_rendered!, Data) && Equals(look, _renderedLook))
        {
            return false;
        }

        (_rendered, _renderedLook) = (Data, look);
        RenderVersion++;
        return true;
    }
}
