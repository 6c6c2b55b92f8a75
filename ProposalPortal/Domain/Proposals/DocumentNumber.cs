namespace ProposalPortal.Domain.Proposals;

/// <summary>
/// 发文字号 per GB/T 9704: prefix, year in 〔〕, serial without leading zeros, e.g. 楚市发改复〔2022〕12号.
/// Serials run per year without gaps; the application allocates them.
/// </summary>
public sealed record DocumentNumber(string Prefix, int Year, int Serial)
{
    public override string ToString() => $"{Prefix}〔{Year}〕{Serial}号";
}
