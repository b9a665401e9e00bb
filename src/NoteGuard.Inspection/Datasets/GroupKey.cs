using System.Text.RegularExpressions;

namespace NoteGuard.Inspection.Datasets;

/// <summary>Group keys from file names (see <see cref="DatasetReadOptions.GroupPattern"/>).</summary>
public static class GroupKey
{
    /// <summary>
    /// The group key of <paramref name="fileName"/> under <paramref name="pattern"/>: the first capture group when
    /// the pattern has one and it matched, else the whole match; null when the pattern does not match.
    /// </summary>
    public static string? FromFileName(string fileName, Regex pattern)
    {
        Guard.NotNull(fileName);
        Guard.NotNull(pattern);
        var match = pattern.Match(fileName);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups.Count > 1 && match.Groups[1].Success ? match.Groups[1].Value : match.Value;
    }
}
