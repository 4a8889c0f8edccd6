import { SquareTerminal } from 'lucide-react';
import { IconButton } from '../../components/Button';
import { requestPicker } from './session-registry';

/** "Open terminal" for one container: the terminal page, with the picker ready for it. */
export function OpenTerminalButton({ id, name, disabled }: { id: string; name: string; disabled?: boolean }) {
  return (
    <IconButton
      label={`Open terminal in ${name}`}
      icon={<SquareTerminal size={14} />}
      disabled={disabled}
      onClick={(e) => {
        e.stopPropagation();
        requestPicker(id);
      }}
    />
  );
}
