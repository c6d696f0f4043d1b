using System.Collections.Concurrent;

namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>
/// Maps record ids to the slots their vectors occupy, and marks slots whose record was deleted or replaced (tombstones).
/// One writer; readers see arrays that only grow by replacement.
/// </summary>
internal sealed class SlotTable
{
    private readonly ConcurrentDictionary<long, int> _slotsById = new();
    private long[] _ids = new long[64];
    private bool[] _deleted = new bool[64];

    public int LiveCount => _slotsById.Count;

    public IEnumerable<long> Ids => _slotsById.Keys;

    public bool TryGetSlot(long id, out int slot) => _slotsById.TryGetValue(id, out slot);

    public long IdOf(int slot) => _ids[slot];

    public bool IsDeleted(int slot) => _deleted[slot];

    public int TombstoneCount(int slotCount) => slotCount - LiveCount;

    /// <summary>Records <paramref name="id"/> at <paramref name="slot"/>, tombstoning the slot it had; returns the old slot or -1.</summary>
    public int Assign(long id, int slot)
    {
        if (slot >= _ids.Length)
        {
            var size = Math.Max(slot + 1, _ids.Length * 2);
            var ids = new long[size];
            var deleted = new bool[size];
            Array.Copy(_ids, ids, _ids.Length);
            Array.Copy(_deleted, deleted, _deleted.Length);
            _ids = ids;
            _deleted = deleted;
        }

        _ids[slot] = id;
        var previous = _slotsById.TryGetValue(id, out var old) ? old : -1;
        if (previous >= 0)
        {
            _deleted[previous] = true;
        }

        _slotsById[id] = slot;
        return previous;
    }

    /// <summary>Records a slot loaded from a file, live or deleted.</summary>
    public void Load(long id, int slot, bool deleted)
    {
        Assign(id, slot);
        if (deleted)
        {
            _deleted[slot] = true;
            _slotsById.TryRemove(new KeyValuePair<long, int>(id, slot));
        }
    }

    public bool Remove(long id)
    {
        if (!_slotsById.TryRemove(id, out var slot))
        {
            return false;
        }

        _deleted[slot] = true;
        return true;
    }
}
