using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// The people of the domain tests: two sections (10 规划科 under deputy 3, 20 价格科 under deputy 4),
/// the director, the Office, an admin and a sign-off delegate.
/// </summary>
public static class Staff
{
    public const int PlanningSectionId = 10;
    public const int PricesSectionId = 20;

    public static readonly Section Planning = Entity.WithId(new Section("发展规划科", 3), PlanningSectionId);
    public static readonly Section Prices = Entity.WithId(new Section("价格管理科", 4), PricesSectionId);

    public static readonly StaffMember DirectorMember = Entity.WithId(new StaffMember("杨一", StaffRoles.Director), 2);
    public static readonly StaffMember DeputyMember = Entity.WithId(new StaffMember("朱二", StaffRoles.DeputyDirector), 3);
    public static readonly StaffMember PlanningHandler = Entity.WithId(new StaffMember("何六", StaffRoles.SectionStaff, PlanningSectionId), 5);
    public static readonly StaffMember PricesHandler = Entity.WithId(new StaffMember("施八", StaffRoles.SectionStaff, PricesSectionId), 6);

    public static readonly Actor Office = new(1, "尤四", StaffRoles.Office);
    public static readonly Actor Director = Actor.For(DirectorMember, []);
    public static readonly Actor Deputy = Actor.For(DeputyMember, [PlanningSectionId]);
    public static readonly Actor OtherDeputy = new(4, "秦三", StaffRoles.DeputyDirector, null, new HashSet<int> { PricesSectionId });
    public static readonly Actor Section = Actor.For(PlanningHandler, []);
    public static readonly Actor OtherSection = Actor.For(PricesHandler, []);
    public static readonly Actor Admin = new(7, "许五", StaffRoles.Admin);
    public static readonly Actor Delegate = new(8, "常务副局长", StaffRoles.DeputyDirector, null, new HashSet<int>(), IsSignOffDelegate: true);

    public static IEnumerable<(string Name, Actor Actor)> Everyone =>
    [
        ("办公室", Office), ("局长", Director), ("分管副局长", Deputy), ("其他副局长", OtherDeputy),
        ("承办科室", Section), ("其他科室", OtherSection), ("管理员", Admin),
    ];
}

/// <summary>Sets the database-generated id of an entity built in memory, for tests that never touch a database.</summary>
public static class Entity
{
    public static T WithId<T>(T entity, int id)
    {
        typeof(T).GetProperty("Id")!.SetValue(entity, id);
        return entity;
    }
}
