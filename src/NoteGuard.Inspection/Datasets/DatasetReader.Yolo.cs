using System.Globalization;

namespace NoteGuard.Inspection.Datasets;

/// <summary>YOLO layouts: one label file per image, lines <c>class cx cy w h</c> (normalised) or polygons.</summary>
public static partial class DatasetReader
{
    private static void ReadYolo(string root, DatasetLayout layout, Builder builder)
    {
        var names = YoloNames.Find(root);
        if (names is null)
        {
            throw DatasetErrors.Invalid($"{root}: YOLO layout without classes.txt or data.yaml (looked in the root and in the labels folders).");
        }

        builder.SetClasses(names);

        // Pairs of (split or null, images folder, labels folder).
        var parts = new List<(string? Split, string Images, string Labels)>();
        if (layout == DatasetLayout.YoloSplitFirst)
        {
            foreach (string splitDir in SortedDirectories(root))
            {
                string images = System.IO.Path.Combine(splitDir, "images");
                if (Directory.Exists(images))
                {
                    parts.Add((System.IO.Path.GetFileName(splitDir), images, System.IO.Path.Combine(splitDir, "labels")));
                }
            }
        }
        else
        {
            string imagesRoot = System.IO.Path.Combine(root, "images");
            string labelsRoot = System.IO.Path.Combine(root, "labels");
            var splitDirs = SortedDirectories(imagesRoot);
            foreach (string splitDir in splitDirs)
            {
                string split = System.IO.Path.GetFileName(splitDir);
                parts.Add((split, splitDir, System.IO.Path.Combine(labelsRoot, split)));
            }

            if (splitDirs.Count == 0)
            {
                parts.Add((null, imagesRoot, labelsRoot));
            }
            else
            {
                ReportStrayImages(imagesRoot, "image outside any split folder", builder);
            }
        }

        if (parts.Count == 0)
        {
            throw DatasetErrors.Invalid($"{root}: YOLO layout without any images folder.");
        }

        foreach (var (split, imagesDir, labelsDir) in parts)
        {
            foreach (string image in SortedImages(imagesDir, SearchOption.AllDirectories))
            {
                string relative = System.IO.Path.GetRelativePath(imagesDir, image);
                string labelFile = System.IO.Path.Combine(labelsDir, System.IO.Path.ChangeExtension(relative, ".txt"));
                var box = ReadLargestBox(labelFile, names.Count, builder);
                if (box is null)
                {
                    builder.WithoutBox(image);
                    continue;
                }

                builder.Add(new DatasetItem(image, names[box.Value.ClassIndex], Split: split, Box: box.Value.Box));
            }
        }
    }

    /// <summary>
    /// The largest valid box of a label file with its class, or null when the file is missing or holds no valid box.
    /// Invalid lines are reported with their line number and skipped. Polygon lines (class x1 y1 x2 y2 ...) give their
    /// bounding box.
    /// </summary>
    internal static (int ClassIndex, BoundingBox Box)? ReadLargestBox(string labelFile, int classCount, Builder builder)
    {
        if (!File.Exists(labelFile))
        {
            return null;
        }

        (int, BoundingBox)? best = null;
        int lineNumber = 0;
        foreach (string rawLine in File.ReadLines(labelFile))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (TryParseLabelLine(line, classCount, out int classIndex, out var box, out string? error))
            {
                if (best is null || box.Area > best.Value.Item2.Area)
                {
                    best = (classIndex, box);
                }
            }
            else
            {
                builder.Issue(labelFile, $"line {lineNumber}: {error}; line skipped");
            }
        }

        return best;
    }

    internal static bool TryParseLabelLine(string line, int classCount, out int classIndex, out BoundingBox box, out string? error)
    {
        box = default;
        classIndex = -1;
        string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || (fields.Length > 5 && fields.Length % 2 == 0))
        {
            error = $"expected 'class cx cy w h' or 'class x1 y1 x2 y2 ...', got {fields.Length} fields";
            return false;
        }

        if (!int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out classIndex))
        {
            // Some exporters write the class as a float ("3.0").
            if (!double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double asFloat)
                || asFloat != Math.Floor(asFloat) || asFloat < 0 || asFloat > int.MaxValue)
            {
                error = $"class '{fields[0]}' is not an integer";
                return false;
            }

            classIndex = (int)asFloat;
        }

        if (classIndex < 0 || classIndex >= classCount)
        {
            error = $"class index {classIndex} is outside 0..{classCount - 1} (the names file has {classCount} classes)";
            return false;
        }

        var values = new double[fields.Length - 1];
        for (int i = 1; i < fields.Length; i++)
        {
            if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i - 1]) || !double.IsFinite(values[i - 1]))
            {
                error = $"field {i + 1} '{fields[i]}' is not a number";
                return false;
            }
        }

        if (values.Length == 4)
        {
            box = new BoundingBox(values[0], values[1], values[2], values[3]);
        }
        else
        {
            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            for (int i = 0; i < values.Length; i += 2)
            {
                minX = Math.Min(minX, values[i]);
                maxX = Math.Max(maxX, values[i]);
                minY = Math.Min(minY, values[i + 1]);
                maxY = Math.Max(maxY, values[i + 1]);
            }

            box = new BoundingBox((minX + maxX) / 2, (minY + maxY) / 2, maxX - minX, maxY - minY);
        }

        // A small tolerance: exporters round, so 1.0000001 happens.
        const double Slack = 1e-3;
        if (box.Width <= 0 || box.Height <= 0 || box.Width > 1 + Slack || box.Height > 1 + Slack
            || box.CenterX < -Slack || box.CenterX > 1 + Slack || box.CenterY < -Slack || box.CenterY > 1 + Slack)
        {
            error = "box is empty or outside the normalised 0..1 range";
            return false;
        }

        error = null;
        return true;
    }
}
