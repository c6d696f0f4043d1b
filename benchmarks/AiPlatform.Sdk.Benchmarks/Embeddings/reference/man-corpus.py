#!/usr/bin/env python3
"""Writes a benchmark corpus of sentences from this machine's man pages (not shipped with the repository).

Usage: man-corpus.py COUNT OUT [SEED]
Renders section-1 and section-8 man pages with `man -P cat`, joins wrapped lines, splits on sentence ends, keeps sentences of
20-300 characters, removes duplicates, shuffles with SEED (default 7) and writes COUNT of them, one a line.
"""
import os, random, re, subprocess, sys

count, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
pages = sorted(p.split('.')[0] for d in ('/usr/share/man/man1', '/usr/share/man/man8') if os.path.isdir(d) for p in os.listdir(d))
rng.shuffle(pages)
sentences, seen = [], set()
for page in pages:
    if len(sentences) >= count * 3:
        break
    text = subprocess.run(['man', '-P', 'cat', page], capture_output=True, text=True, env={**os.environ, 'MANWIDTH': '2000', 'LC_ALL': 'C.UTF-8'}).stdout
    text = re.sub(r'.\x08', '', text)
    for paragraph in re.split(r'\n\s*\n', text):
        flat = ' '.join(paragraph.split())
        for sentence in re.split(r'(?<=[.!?])\s+(?=[A-Z])', flat):
            if 20 <= len(sentence) <= 300 and sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
rng.shuffle(sentences)
with open(out, 'w', encoding='utf-8') as f:
    f.write('\n'.join(sentences[:count]) + '\n')
print(f'{min(count, len(sentences))} sentences from {len(pages)} pages written to {out}')
