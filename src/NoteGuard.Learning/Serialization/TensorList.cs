using System.Collections.ObjectModel;

namespace NoteGuard.Learning.Serialization;

/// <summary>
/// The tensors of a <see cref="ModelFile"/> in insertion order, with a name index. Adding a null tensor or a second
/// tensor with an existing name throws, so a model never holds duplicates.
/// </summary>
internal sealed class TensorList : Collection<StoredTensor>
{
    private readonly Dictionary<string, StoredTensor> _byName = new(StringComparer.Ordinal);

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out StoredTensor tensor) =>
        _byName.TryGetValue(name, out tensor);

    protected override void InsertItem(int index, StoredTensor item)
    {
        Guard.NotNull(item);
        if (!_byName.TryAdd(item.Name, item))
        {
            ThrowDuplicate(item.Name);
        }

        base.InsertItem(index, item);
    }

    protected override void SetItem(int index, StoredTensor item)
    {
        Guard.NotNull(item);
        StoredTensor old = this[index];
        if (!string.Equals(old.Name, item.Name, StringComparison.Ordinal) && _byName.ContainsKey(item.Name))
        {
            ThrowDuplicate(item.Name);
        }

        _byName.Remove(old.Name);
        _byName.Add(item.Name, item);
        base.SetItem(index, item);
    }

    protected override void RemoveItem(int index)
    {
        _byName.Remove(this[index].Name);
        base.RemoveItem(index);
    }

    protected override void ClearItems()
    {
        _byName.Clear();
        base.ClearItems();
    }

    private static void ThrowDuplicate(string name) =>
        ThrowHelper.ThrowArgument($"The model already holds a tensor named {StoredTensor.Quote(name)}; tensor names must be unique.", "item");
}
