namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>A binary min-heap of (key, slot) pairs; push negated keys to use it as a max-heap.</summary>
internal sealed class DistanceHeap
{
    private float[] _keys;
    private int[] _slots;

    public DistanceHeap(int capacity)
    {
        _keys = new float[Math.Max(capacity, 4)];
        _slots = new int[_keys.Length];
    }

    public int Count { get; private set; }

    public float TopKey => _keys[0];

    public int TopSlot => _slots[0];

    public void Clear() => Count = 0;

    public void Push(float key, int slot)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _slots, Count * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_keys[parent] <= key)
            {
                break;
            }

            _keys[i] = _keys[parent];
            _slots[i] = _slots[parent];
            i = parent;
        }

        _keys[i] = key;
        _slots[i] = slot;
    }

    public void Pop()
    {
        var last = --Count;
        if (last == 0)
        {
            return;
        }

        var key = _keys[last];
        var slot = _slots[last];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= last)
            {
                break;
            }

            if (child + 1 < last && _keys[child + 1] < _keys[child])
            {
                child++;
            }

            if (_keys[child] >= key)
            {
                break;
            }

            _keys[i] = _keys[child];
            _slots[i] = _slots[child];
            i = child;
        }

        _keys[i] = key;
        _slots[i] = slot;
    }

    /// <summary>Keeps the <paramref name="capacity"/> smallest distances: a bounded max-heap over negated keys.</summary>
    public void OfferBounded(float distance, int slot, int capacity)
    {
        if (Count < capacity)
        {
            Push(-distance, slot);
        }
        else if (distance < -_keys[0])
        {
            Pop();
            Push(-distance, slot);
        }
    }

    /// <summary>Drains a heap filled by <see cref="OfferBounded"/> into (slot, distance) pairs sorted nearest first.</summary>
    public (int Slot, float Distance)[] DrainNearestFirst()
    {
        var result = new (int Slot, float Distance)[Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = (_slots[0], -_keys[0]);
            Pop();
        }

        return result;
    }
}
