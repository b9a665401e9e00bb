using System.Globalization;

namespace NoteGuard.Inspection.Tabular;

/// <summary>Parsing of cell values shared by the tabular readers.</summary>
internal static class TabularValues
{
    private static readonly HashSet<string> s_missing = new(StringComparer.OrdinalIgnoreCase)
    {
        string.Empty, "NA", "N/A", "NaN", "?", "null", "None", "-",
    };

    /// <summary>True for the spellings of a missing value: empty, NA, N/A, NaN, ?, null, None, -.</summary>
    public static bool IsMissing(string cell) => s_missing.Contains(cell.Trim());

    /// <summary>
    /// Parses a finite number in invariant culture; with a non-comma delimiter a decimal comma is accepted too
    /// ("1,5" in a semicolon file).
    /// </summary>
    public static bool TryParseNumber(string cell, char delimiter, out double value)
    {
        var text = cell.AsSpan().Trim();
        const NumberStyles Style = NumberStyles.Float;
        if (double.TryParse(text, Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        if (delimiter != ',' && text.Contains(',') && !text.Contains('.'))
        {
            string swapped = text.ToString().Replace(',', '.');
            if (double.TryParse(swapped, Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            {
                return true;
            }
        }

        value = double.NaN;
        return false;
    }
}
