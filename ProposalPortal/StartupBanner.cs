using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ProposalPortal.Features.Common;

namespace ProposalPortal;

/// <summary>Tells whoever started the portal where it listens and, with demo data, who they can be.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine("楚雄市发展和改革局 建议提案办理门户 已启动:");
        foreach (var address in addresses)
        {
            Console.WriteLine($"  {address}");
        }

        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            Console.WriteLine("演示数据已启用(2021年、2022年及本年度)。演示人员:");
            Console.WriteLine("  局长 杨一 · 分管副局长 朱二、秦三 · 办公室 尤四 · 系统管理员 许五");
            Console.WriteLine("  科室:发展规划科 何六、固定资产投资科 吕七、农村经济科 曹十、价格管理科 施八、能源科 孔九、经济运行科 严十一");
        }

        Console.WriteLine();
    }
}
