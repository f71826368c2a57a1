using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Posters;

/// <summary>What a poster is asked for: a place (county, township, address), a department, or an enterprise by credit code; optionally the category the form starts with.</summary>
/// <param name="Target">place, department or enterprise.</param>
public sealed record VoicePosterRequest(string? Target, string? County, string? Township, string? Address, string? Department, string? CreditCode, string? Category);

/// <summary>A poster as the staff API shows it: its code, what it is for, the address its QR holds and where to download it.</summary>
public sealed record VoicePosterView(string Code, string Target, string Title, string? County, string? Township, string? Address, string? Department,
    string? CreditCode, string? Category, string Url, string Pdf, string Png);

/// <summary>
/// QR posters (VOX-1 intake, ADR 0035): one stored poster per target with a short random code;
/// its QR and printed address are <c>{base}/voice/p/{code}</c>, which opens the public form
/// pre-filled. The coordinator and the administrator make any poster; a department's head and
/// staff make their own department's.
/// </summary>
public sealed class VoicePosters(QualityCityDbContext db, VoiceLabels labels, Text text, PlatformClock clock)
{
    public const string Place = "place";
    public const string Department = "department";
    public const string Enterprise = "enterprise";
    public const int CodeLength = 8;
    public const string Bureau = "聊城市市场监督管理局";
    public const string Heading = "扫码反映问题 · " + Bureau;

    /// <summary>The error correction of the poster's QR: Q (25%), since a printed poster gets dirty, torn or photographed at an angle.</summary>
    public const QRCodeGenerator.ECCLevel Correction = QRCodeGenerator.ECCLevel.Q;

    /// <summary>The address a poster's QR holds and its paper shows.</summary>
    public static string Address(string baseUrl, string code) => $"{baseUrl}/voice/p/{code}";

    /// <summary>The QR symbol of an address: dark modules, the four-module quiet zone included.</summary>
    public static bool[,] Modules(string address)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(address, Correction);
        var rows = data.ModuleMatrix;
        var grid = new bool[rows.Count, rows.Count];
        for (var y = 0; y < rows.Count; y++)
        {
            for (var x = 0; x < rows.Count; x++)
            {
                grid[y, x] = rows[y][x];
            }
        }

        return grid;
    }

    /// <summary>The QR alone as PNG, 10 pixels a module with its quiet zone: for the departments' own leaflets and screens.</summary>
    public static byte[] Png(string address)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(address, Correction);
        return new PngByteQRCode(data).GetGraphic(10);
    }

    /// <summary>Whether the reader may make posters for any target (else only their own department's).</summary>
    public static bool MakesAny(ClaimsPrincipal user) => user.SeesAllDepartments();

    /// <summary>The poster for a target, made the first time it is asked for; every field checked and each bad one named.</summary>
    public async Task<WorkResult> GetOrCreateAsync(VoicePosterRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors.TryAdd(field, [message]);
        var target = request.Target?.Trim().ToLowerInvariant();
        string? county = null, township = null, address = null, department = null, creditCode = null;
        var ownDepartment = user.DepartmentId() is { } departmentId
            ? await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken)
            : null;
        switch (target)
        {
            case Place:
                county = await CountyAsync(request.County, cancellationToken);
                if (county is null)
                {
                    Error("county", text["请选择所在县区"]);
                }

                township = Trimmed(request.Township);
                address = Trimmed(request.Address);
                if (township?.Length > 100)
                {
                    Error("township", text["乡镇（街道）不能超过 100 字"]);
                }

                if (address?.Length > 300)
                {
                    Error("address", text["地址不能超过 300 字"]);
                }

                break;
            case Department:
                department = Trimmed(request.Department) ?? (MakesAny(user) ? null : ownDepartment);
                if (department is null || !await db.Departments.AnyAsync(d => d.Code == department, cancellationToken))
                {
                    Error("department", text["没有这个部门"]);
                }

                break;
            case Enterprise:
                var code = Trimmed(request.CreditCode)?.ToUpperInvariant();
                if (code is null || !await db.MarketEntities.AnyAsync(e => e.CreditCode == code, cancellationToken))
                {
                    Error("creditCode", text["主体库中没有这个统一社会信用代码"]);
                }

                creditCode = code;
                break;
            default:
                Error("target", text["海报对象只能是 place（地点）、department（部门）或 enterprise（企业）"]);
                break;
        }

        var category = Trimmed(request.Category);
        if (category is not null && !await db.VoiceCategories.AnyAsync(c => c.Code == category, cancellationToken))
        {
            Error("category", text["请选择诉求分类"]);
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        // A department makes only its own department's posters; the refusal says so rather than hiding the route.
        if (!MakesAny(user) && (target != Department || department != ownDepartment))
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["部门只能制作本部门的二维码海报"]);
        }

        var key = string.Join('|', target, county, township, address, department, creditCode, category);
        var poster = await db.VoicePosters.AsNoTracking().FirstOrDefaultAsync(p => p.TargetKey == key, cancellationToken);
        if (poster is null)
        {
            poster = new VoicePoster
            {
                Code = await NewCodeAsync(cancellationToken), Target = target!, TargetKey = key, CountyCode = county, Township = township, Address = address,
                DepartmentCode = department, CreditCode = creditCode, CategoryCode = category, CreatedBy = user.ActorName(), CreatedAtUtc = clock.UtcNow,
            };
            db.Actor = user.ActorName();
            db.VoicePosters.Add(poster);
            await db.SaveChangesAsync(cancellationToken);
        }

        return WorkResult.Ok(poster);
    }

    /// <summary>A place poster for every township of a county (made the first time), in code order: the county's batch.</summary>
    public async Task<IReadOnlyList<VoicePoster>> TownshipsAsync(string county, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var townships = await db.Regions.AsNoTracking().Where(r => r.Level == "township" && r.ParentCode == county).OrderBy(r => r.Code).Select(r => r.Name)
            .ToListAsync(cancellationToken);
        var posters = new List<VoicePoster>();
        foreach (var township in townships)
        {
            if ((await GetOrCreateAsync(new VoicePosterRequest(Place, county, township, null, null, null, null), user, cancellationToken)).Value is VoicePoster poster)
            {
                posters.Add(poster);
            }
        }

        return posters;
    }

    public Task<VoicePoster?> FindAsync(string code, CancellationToken cancellationToken)
    {
        var canonical = code.Trim().ToUpperInvariant();
        return db.VoicePosters.AsNoTracking().FirstOrDefaultAsync(p => p.Code == canonical, cancellationToken);
    }

    /// <summary>The posters the reader may download: all for the coordinator and the administrator, their department's for a department.</summary>
    public async Task<IReadOnlyList<VoicePoster>> ListAsync(ClaimsPrincipal user, int take, CancellationToken cancellationToken)
    {
        var query = db.VoicePosters.AsNoTracking();
        if (!MakesAny(user))
        {
            var own = user.DepartmentId() is { } id ? await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken) : null;
            query = query.Where(p => p.Target == Department && p.DepartmentCode == own);
        }

        return await query.OrderByDescending(p => p.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>What the poster is for, in Chinese (the posters hang in Liaocheng): 东昌府区 柳园街道 …, a department's name, an enterprise's registered name.</summary>
    public async Task<string> TitleAsync(VoicePoster poster, CancellationToken cancellationToken)
    {
        switch (poster.Target)
        {
            case Department:
                var name = await db.Departments.AsNoTracking().Where(d => d.Code == poster.DepartmentCode).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
                return name ?? poster.DepartmentCode ?? string.Empty;
            case Enterprise:
                var entity = await db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == poster.CreditCode).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken);
                return entity ?? poster.CreditCode ?? string.Empty;
            default:
                var countyName = await db.Regions.AsNoTracking().Where(r => r.Code == poster.CountyCode).Select(r => r.Name).FirstOrDefaultAsync(cancellationToken);
                return string.Join(' ', new[] { countyName, poster.Township, poster.Address }.Where(p => !string.IsNullOrEmpty(p)));
        }
    }

    public async Task<VoicePosterView> ViewAsync(VoicePoster poster, string baseUrl, CancellationToken cancellationToken) =>
        new(poster.Code, poster.Target, await TitleAsync(poster, cancellationToken), poster.CountyCode, poster.Township, poster.Address, poster.DepartmentCode,
            poster.CreditCode, poster.CategoryCode, Address(baseUrl, poster.Code), $"/api/voice/posters/{poster.Code}.pdf", $"/api/voice/posters/{poster.Code}.png");

    /// <summary>The posters as one PDF, a page each.</summary>
    public async Task<byte[]> PdfAsync(IReadOnlyList<VoicePoster> posters, string baseUrl, CancellationToken cancellationToken)
    {
        var pages = new List<PosterPage>();
        foreach (var poster in posters)
        {
            var address = Address(baseUrl, poster.Code);
            var trackAddress = $"{baseUrl}/voice/track";
            pages.Add(new PosterPage(Heading, await TitleAsync(poster, cancellationToken), Modules(address), address,
            [
                "可以反映：投诉、举报、建议、咨询、求助（食品安全、价格、产品质量、特种设备、广告、无照经营、预付卡等）。",
                "提交后您会得到一个查询码（形如 ABCD-EFGH-JKM），请截图或抄下保存：凭查询码查看受理、办理进度和答复，并对答复进行评价。查询码是唯一凭证，丢失后无法找回。",
                $"查看进度：{trackAddress}",
                "您的姓名、电话和电子邮箱只给办理人员，不会公开，也不会告诉被反映的企业；也可以匿名反映。",
            ], $"海报编号 {poster.Code} · 也可拨打 12345 政务服务便民热线"));
        }

        return PosterPdf.Write(pages, posters.Count == 1 ? $"{Heading} {pages[0].Target}" : Heading);
    }

    private async Task<string?> CountyAsync(string? county, CancellationToken cancellationToken)
    {
        var value = county?.Trim();
        return string.IsNullOrEmpty(value)
            ? null
            : await db.Regions.AsNoTracking().Where(r => r.Level == "county" && r.ParentCode == VoiceLabels.CityCode && (r.Code == value || r.Name == value))
                .Select(r => r.Code).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Eight symbols of the tracking-code alphabet from the secure generator (39 bits): not guessable in bulk, short enough to type.</summary>
    private async Task<string> NewCodeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = new string(System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(Domain.PublicVoice.TrackingCode.Alphabet, CodeLength));
            if (!await db.VoicePosters.AnyAsync(p => p.Code == code, cancellationToken))
            {
                return code;
            }
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The labels, for the page.</summary>
    public VoiceLabels Labels => labels;
}
