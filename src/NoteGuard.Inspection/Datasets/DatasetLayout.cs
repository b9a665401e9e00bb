namespace NoteGuard.Inspection.Datasets;

/// <summary>The on-disk arrangements NoteGuard reads (SPEC.md, "Dataset layouts").</summary>
public enum DatasetLayout
{
    /// <summary>Detect from the folder content.</summary>
    Auto = 0,

    /// <summary><c>root/&lt;class&gt;/*</c>.</summary>
    ClassFolders,

    /// <summary><c>root/&lt;split&gt;/&lt;class&gt;/*</c>.</summary>
    SplitFolders,

    /// <summary>YOLO as Roboflow exports it: <c>root/&lt;split&gt;/images</c> + <c>root/&lt;split&gt;/labels</c>.</summary>
    YoloSplitFirst,

    /// <summary>YOLO as Ultralytics arranges it: <c>root/images/&lt;split&gt;</c> + <c>root/labels/&lt;split&gt;</c> (or no split level).</summary>
    YoloImagesFirst,

    /// <summary>A CSV file with columns <c>path,label[,group][,split]</c>.</summary>
    CsvManifest,
}
