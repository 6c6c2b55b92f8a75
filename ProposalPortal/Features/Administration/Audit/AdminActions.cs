namespace ProposalPortal.Features.Administration.Audit;

/// <summary>The codes of the administrative actions on the record, and their Chinese names.</summary>
public static class AdminActions
{
    public const string AddSection = "AddSection";
    public const string RenameSection = "RenameSection";
    public const string SectionDeputy = "SectionDeputy";
    public const string SectionRobot = "SectionRobot";
    public const string AddStaff = "AddStaff";
    public const string ChangeRoles = "ChangeRoles";
    public const string SignOffDelegate = "SignOffDelegate";
    public const string Deactivate = "Deactivate";
    public const string CreateAccount = "CreateAccount";
    public const string ResetPassword = "ResetPassword";
    public const string Unlock = "Unlock";
    public const string CalendarAdd = "CalendarAdd";
    public const string CalendarChange = "CalendarChange";
    public const string CalendarRemove = "CalendarRemove";
    public const string RuleChange = "RuleChange";
    public const string CertificateUpload = "CertificateUpload";
    public const string Backup = "Backup";
    public const string Restore = "Restore";
    public const string ProposerAdd = "ProposerAdd";
    public const string ProposerEdit = "ProposerEdit";
    public const string ProposerMerge = "ProposerMerge";
    public const string ProposerImport = "ProposerImport";

    /// <summary>Every action, in the order the filter lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Deactivate, ChangeRoles, SignOffDelegate, AddStaff, CreateAccount, ResetPassword, Unlock,
        AddSection, RenameSection, SectionDeputy, SectionRobot, CalendarAdd, CalendarChange, CalendarRemove, RuleChange,
        CertificateUpload, Backup, Restore, ProposerAdd, ProposerEdit, ProposerMerge, ProposerImport,
    ];

    public static string Label(string action) => action switch
    {
        AddSection => "新增科室",
        RenameSection => "修改科室名称",
        SectionDeputy => "设置分管领导",
        SectionRobot => "设置科室群机器人",
        AddStaff => "新增人员",
        ChangeRoles => "修改角色和科室",
        SignOffDelegate => "设置签发代理人",
        Deactivate => "停用人员",
        CreateAccount => "创建账号",
        ResetPassword => "重置密码",
        Unlock => "解锁账号",
        CalendarAdd => "登记工作日历",
        CalendarChange => "修改工作日历",
        CalendarRemove => "删除工作日历",
        RuleChange => "修改办理规则",
        CertificateUpload => "上传签章证书",
        Backup => "备份",
        Restore => "恢复",
        ProposerAdd => "新增代表委员",
        ProposerEdit => "修改代表委员",
        ProposerMerge => "合并代表委员",
        ProposerImport => "导入代表委员名单",
        _ => action,
    };
}
