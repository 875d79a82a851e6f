import { useEffect, useState } from 'react';
import { useStore } from '../store/store';

/** Drop a CSV anywhere on the page: an overlay shows while a file is dragged over the window. */
export function DropZone() {
  const loadFile = useStore((s) => s.loadFile);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0; // dragenter/dragleave fire for every child element crossed
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (e: DragEvent) => { if (hasFiles(e)) { depth++; setDragging(true); } };
    const onLeave = (e: DragEvent) => { if (hasFiles(e) && --depth <= 0) { depth = 0; setDragging(false); } };
    const onOver = (e: DragEvent) => { if (hasFiles(e)) e.preventDefault(); };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) loadFile(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [loadFile]);
  return dragging ? <div className="drop-overlay" aria-hidden="true"><p>Drop the CSV to load it</p></div> : null;
}
