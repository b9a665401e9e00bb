using NoteGuard.Inspection.Inspections;

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
}
