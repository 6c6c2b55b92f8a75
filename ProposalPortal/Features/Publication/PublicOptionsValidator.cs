using System.Net;
using Microsoft.Extensions.Options;

namespace ProposalPortal.Features.Publication;

/// <summary>
/// Outside Development the portal refuses to start without a real public address: <see cref="PublicOptions.BaseUrl"/>
/// is printed into the evaluation forms' QR codes, on paper, for good; a form that points at localhost can never be
/// answered and cannot be called back.
/// </summary>
public sealed class PublicOptionsValidator(IHostEnvironment? environment) : IValidateOptions<PublicOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicOptions options)
    {
        if (environment is null || environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        return WhyUnsafe(options.BaseUrl) is { } why ? ValidateOptionsResult.Fail(why) : ValidateOptionsResult.Success;
    }

    /// <summary>Why <paramref name="baseUrl"/> cannot be the public address in production, in Chinese; null when it can.</summary>
    public static string? WhyUnsafe(string? baseUrl)
    {
        const string Advice = "请在配置中将 Public:BaseUrl 设为本门户对外访问的地址（如 https://jyta.example.gov.cn，" +
            "或环境变量 Public__BaseUrl）。该地址会永久印入征询意见表的二维码，印发后无法更改。";
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return "配置项 Public:BaseUrl 未设置，门户拒绝启动。" + Advice;
        }

        if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return $"配置项 Public:BaseUrl（“{baseUrl}”）不是以 http:// 或 https:// 开头的完整地址，门户拒绝启动。" + Advice;
        }

        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))))
        {
            return $"配置项 Public:BaseUrl 指向本机（“{baseUrl}”），公众无法访问，门户拒绝启动。" + Advice;
        }

        return null;
    }
}
