import { PlugZap, RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { useStore } from '../../store';

/**
 * Covers the app while the engine cannot be reached: where Patchbay looked, why it failed, how to
 * fix it, and when it tries again. It disappears by itself when the engine answers.
 */
export function OutageScreen() {
  const status = useStore((s) => s.engineStatus);
  const reconnect = useStore((s) => s.reconnectEngine);
  const [now, setNow] = useState(Date.now());
  const [trying, setTrying] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  if (status?.state !== 'down') return null;
  const seconds = status.nextAttemptAt ? Math.max(0, Math.ceil((status.nextAttemptAt - now) / 1000)) : null;
  return (
    <div role="alertdialog" aria-labelledby="outage-title" data-testid="outage-screen" className="absolute inset-0 z-30 flex items-center justify-center bg-canvas/95 p-8">
      <div className="max-w-xl rounded-xl border border-line bg-panel p-6 shadow-xl">
        <div className="flex items-center gap-3">
          <PlugZap className="text-bad" size={26} />
          <h1 id="outage-title" className="text-base font-semibold">
            The Docker engine is not answering
          </h1>
        </div>
        <p className="mt-3 text-[13px]">
          Patchbay looks for it at <code className="font-mono">{status.endpoint}</code>.
        </p>
        {status.error ? <p className="mt-2 rounded-md bg-bad/10 p-2 text-[13px] text-bad">{status.error}</p> : null}
        <ul className="mt-3 list-disc space-y-1 pl-5 text-[13px] text-muted">
          <li>Start the engine: <code className="font-mono">sudo systemctl start docker</code> (or Docker Desktop).</li>
          <li>Using another engine? Set <code className="font-mono">DOCKER_HOST</code> (unix://, tcp:// or ssh://) and restart Patchbay.</li>
          <li>Permission denied? Add yourself to the docker group: <code className="font-mono">sudo usermod -aG docker $USER</code>, then log in again.</li>
        </ul>
        <div className="mt-5 flex items-center gap-3">
          <Button
            variant="primary"
            icon={<RefreshCw size={14} className={trying ? 'animate-spin' : ''} />}
            onClick={() => {
              setTrying(true);
              void reconnect().finally(() => setTrying(false));
            }}
          >
            Try now
          </Button>
          <span className="text-xs text-muted" aria-live="polite">
            {status.failedAttempts} failed {status.failedAttempts === 1 ? 'attempt' : 'attempts'}
            {seconds !== null ? ` · next try in ${seconds} s` : ''}
          </span>
        </div>
      </div>
    </div>
  );
}
