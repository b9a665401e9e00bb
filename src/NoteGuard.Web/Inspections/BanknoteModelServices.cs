using NoteGuard.Inspection.Inspections;
using NoteGuard.Web.Options;

namespace NoteGuard.Web.Inspections;

/// <summary>Registers the real banknote inspector over a <see cref="ModelCatalog"/> (used by <c>noteguard serve</c>).</summary>
public static class BanknoteModelServices
{
    /// <summary>
    /// Registers a <see cref="BanknoteInspector"/> over <paramref name="catalog"/>'s models as the service's
    /// <see cref="IBanknoteInspector"/>. With no models nothing is registered, so the service still starts, answers
    /// inspections with 503 "no models loaded" and reports not ready on <c>/health/ready</c>.
    /// </summary>
    /// <returns>True when an inspector was registered (the catalog has at least one model).</returns>
    public static bool AddBanknoteInspector(this IServiceCollection services, ModelCatalog catalog, BanknoteInspectorOptions? options = null)
    {
        Guard.NotNull(services);
        Guard.NotNull(catalog);
        if (catalog.Models.Count == 0)
        {
            return false;
        }

        services.AddSingleton<IBanknoteInspector>(new BanknoteInspector(catalog.Models, options));
        return true;
    }

    /// <summary>
    /// Uses the bundled seed-003 model (<c>tabular/uci-banknote.ngm</c> in <paramref name="catalog"/>'s folder) for
    /// <c>POST /api/v1/features/wavelet</c> unless <c>NoteGuard:Wavelet:ModelPath</c> is configured.
    /// </summary>
    /// <returns>The bundled model's path when it exists, else null.</returns>
    public static string? AddBundledWaveletModel(this IServiceCollection services, ModelCatalog catalog)
    {
        Guard.NotNull(services);
        Guard.NotNull(catalog);
        string? path = catalog.Folder is { } folder ? Path.Combine(folder, "tabular", "uci-banknote.ngm") : null;
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        services.PostConfigure<NoteGuardWebOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.Wavelet.ModelPath))
            {
                o.Wavelet.ModelPath = path;
            }
        });
        return path;
    }
}
