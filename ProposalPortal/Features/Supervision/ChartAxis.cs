namespace ProposalPortal.Features.Supervision;

/// <summary>
/// A count axis that fits its data: the top is the largest value rounded up to a step of 1, 2 or 5 times a power of
/// ten, with at most <paramref name="maxTicks"/> intervals, so 37 items reads on an axis 0–40 in steps of 10 and 3 on
/// 0–3 in steps of 1 (a fixed 0–20 axis cut a section of 37 off and flattened a section of 3).
/// </summary>
public sealed record ChartAxis(int Max, int Step)
{
    public IEnumerable<int> Ticks => Enumerable.Range(0, Max / Step + 1).Select(i => i * Step);

    /// <summary>Where <paramref name="value"/> falls along the axis, in percent.</summary>
    public double Percent(int value) => Max == 0 ? 0 : 100.0 * value / Max;

    public static ChartAxis For(int largest, int maxTicks = 5)
    {
        if (largest <= 0)
        {
            return new ChartAxis(1, 1);
        }

        for (var magnitude = 1; ; magnitude *= 10)
        {
            foreach (var factor in (int[])[1, 2, 5])
            {
                var step = factor * magnitude;
                var intervals = (largest + step - 1) / step;
                if (intervals <= maxTicks)
                {
                    return new ChartAxis(intervals * step, step);
                }
            }
        }
    }
}
