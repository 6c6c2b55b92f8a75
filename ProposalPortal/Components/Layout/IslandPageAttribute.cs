namespace ProposalPortal.Components.Layout;

/// <summary>
/// Marks a static page (<c>[ExcludeFromInteractiveRouting]</c>) whose working part is an interactive island with
/// <see cref="IslandProviders"/> beside it: the menu, app bar and drawer stay static HTML (no components held per
/// circuit), and only the island and the bell live in the circuit. The layout reads it from the endpoint's metadata
/// and leaves the page's readiness signal (#circuit-state) to the island's providers.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IslandPageAttribute : Attribute;
