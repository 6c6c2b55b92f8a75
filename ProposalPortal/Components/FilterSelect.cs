using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace ProposalPortal.Components;

/// <summary>
/// A native select in the portal's look, for filter bars. Drawn into the page's own render tree, with its options as
/// one markup frame, rather than as a component: a MudSelect costs a circuit about 135 KB of server memory, a component
/// of any kind 4–5 KB (BENCHMARKS.md, circuit memory). As usable with keyboard, screen reader and phone.
/// </summary>
public static class FilterSelect
{
    /// <param name="receiver">The page: it handles the change and renders again.</param>
    /// <param name="id">The element id, also for tests and labels.</param>
    /// <param name="allText">The text of the empty choice (全部…) that gives the default value; none when null.</param>
    public static RenderFragment Render<TValue>(
        IHandleEvent receiver, string id, string label, TValue? value, IReadOnlyList<(TValue Value, string Text)> options,
        Func<TValue?, Task> changed, string? allText = null) => builder =>
    {
        var selected = KeyOf(value);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "filter-select");
        builder.OpenElement(2, "label");
        builder.AddAttribute(3, "for", id);
        builder.AddContent(4, label);
        builder.CloseElement();
        builder.OpenElement(5, "select");
        builder.AddAttribute(6, "id", id);
        builder.AddAttribute(7, "value", selected);
        builder.AddAttribute(8, "onchange", EventCallback.Factory.Create<ChangeEventArgs>(receiver, e => changed(Chosen(e, options))));
        builder.AddMarkupContent(9, OptionsMarkup(options, selected, allText));
        builder.CloseElement();
        builder.CloseElement();
    };

    private static TValue? Chosen<TValue>(ChangeEventArgs e, IReadOnlyList<(TValue Value, string Text)> options)
    {
        var key = e.Value?.ToString() ?? string.Empty;
        foreach (var option in options)
        {
            if (key.Length > 0 && KeyOf(option.Value) == key)
            {
                return option.Value;
            }
        }

        return default;
    }

    // The select's value attribute chooses the option once the options are in; "selected" says the same for the
    // first paint and for anything that reads the markup alone.
    private static string OptionsMarkup<TValue>(IReadOnlyList<(TValue Value, string Text)> options, string selected, string? allText)
    {
        var html = new StringBuilder();
        if (allText is not null)
        {
            Option(html, string.Empty, allText, selected.Length == 0);
        }

        foreach (var option in options)
        {
            var key = KeyOf(option.Value);
            Option(html, key, option.Text, key == selected);
        }

        return html.ToString();
    }

    private static void Option(StringBuilder html, string key, string text, bool selected) =>
        html.Append("<option value=\"").Append(Html.Encode(key)).Append('"')
            .Append(selected ? " selected>" : ">").Append(Html.Encode(text)).Append("</option>");

    private static string KeyOf<TValue>(TValue? value) =>
        value is null ? string.Empty : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
