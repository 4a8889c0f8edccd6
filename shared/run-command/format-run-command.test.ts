import { describe, expect, it } from 'vitest';
import { formatRunCommand } from './format-run-command';
import { parseRunCommand } from './parse-run-command';
import { emptyRunForm } from './run-form';

/** parse → form → format → parse must give the same form, with no errors. */
function roundTrip(text: string): string {
  const first = parseRunCommand(text);
  expect(first.errors).toEqual([]);
  const formatted = formatRunCommand(first.form);
  const second = parseRunCommand(formatted);
  expect(second.errors).toEqual([]);
  expect(second.unsupported).toEqual([]);
  expect(second.form).toEqual(first.form);
  return formatted;
}

describe('formatRunCommand round trips', () => {
  it.each([
    ['docker run -i -d -p 192.168.1.10::22 --name f20 fedora /bin/bash', 'docker run -d -i --name f20 -p 192.168.1.10::22 fedora /bin/bash'],
    ['docker run -t -d -P -v /data -v /logs --name f20 fedora /bin/bash', 'docker run -d -t --name f20 -P -v /data -v /logs fedora /bin/bash'],
    ['docker run -i -t -v /srv:/mnt/code:ro fedora /bin/bash', 'docker run -i -t -v /srv:/mnt/code:ro fedora /bin/bash'],
    [
      'docker run -d -i -t --volumes-from data --name client1 fedora /bin/bash',
      'docker run -d -i -t --name client1 --volumes-from data fedora /bin/bash',
    ],
    [
      'docker run -i -t --link centos_server:server --name client fedora /bin/bash',
      'docker run -i -t --name client --link centos_server:server fedora /bin/bash',
    ],
    ['docker run -i -t --net=container:centos ubuntu bash', 'docker run -i -t --network container:centos ubuntu bash'],
    ['docker run -itd nginx', 'docker run -d -i -t nginx'],
    [`docker run -e "A=b c" alpine sh -c 'echo hi'`, `docker run -e 'A=b c' alpine sh -c 'echo hi'`],
    [`docker run --rm alpine echo "it's"`, `docker run --rm alpine echo 'it'\\''s'`],
    [`docker run -p '[::1]:8080:80' -p 53:53/udp nginx`, `docker run -p '[::1]:8080:80' -p 53:53/udp nginx`],
    [`docker run --entrypoint "" -w /app -u node node:20 npm start`, `docker run -u node -w /app --entrypoint '' node:20 npm start`],
    [
      'docker run --restart=on-failure:3 --network mynet --network-alias api --ip 172.20.0.5 -h api --add-host db:10.0.0.2 --dns 1.1.1.1 -l tier=web --expose 9000 redis',
      'docker run -h api --restart on-failure:3 --network mynet --network-alias api --ip 172.20.0.5 --add-host db:10.0.0.2 --dns 1.1.1.1 -l tier=web --expose 9000 redis',
    ],
  ])('%s', (input, expected) => {
    expect(roundTrip(input)).toBe(expected);
  });

  it('round-trips a multi-line command with continuations', () => {
    const text = `docker run \\\n  --detach \\\n  --name web \\\n  --publish 8080:80 \\\n  --volume "/srv/my site:/usr/share/nginx/html:ro" \\\n  nginx:alpine`;
    expect(roundTrip(text)).toBe(`docker run -d --name web -p 8080:80 -v '/srv/my site:/usr/share/nginx/html:ro' nginx:alpine`);
  });

  it('leaves unsupported options out of the output', () => {
    const parsed = parseRunCommand('docker run --cpus 2 --privileged -d nginx');
    expect(parsed.unsupported).toEqual(['--cpus 2', '--privileged']);
    expect(formatRunCommand(parsed.form)).toBe('docker run -d nginx');
  });
});

describe('formatRunCommand', () => {
  it('writes an empty form with just the image', () => {
    expect(formatRunCommand({ ...emptyRunForm(), image: 'nginx' })).toBe('docker run nginx');
  });

  it('writes env-file lines as -e before the form rows', () => {
    const form = { ...emptyRunForm(), image: 'x', envFile: '# c\nA=1\nB=two words', env: [{ key: 'A', value: '2' }] };
    expect(formatRunCommand(form)).toBe(`docker run -e A=1 -e 'B=two words' -e A=2 x`);
  });

  it('writes on-failure without a count, and keeps bridge implicit', () => {
    const form = { ...emptyRunForm(), image: 'x', restart: { name: 'on-failure' as const, maxRetries: 0 }, networkMode: 'bridge' };
    expect(formatRunCommand(form)).toBe('docker run --restart on-failure x');
  });
});
