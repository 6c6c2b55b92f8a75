namespace ProposalPortal.Domain.Proposals;

/// <summary>
/// 五定: 定领导 (leader), 定责任 (section), 定人员 (handler), 定时间 (the item's deadline, kept on the proposal),
/// 定质量 (quality note). Handling cannot start until leader, section, handler and deadline are all set.
/// </summary>
public sealed record Responsibility(int LeaderId, int SectionId, int HandlerId, string? QualityNote);
