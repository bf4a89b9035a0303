import { z } from 'zod';

/**
 * `site.roomSensor`: a thermometer in the print room, where an office has one. Either a command
 * that prints the temperature in °C on its standard output (a USB thermometer's tool), or an
 * HTTP URL answering JSON (a network sensor), read every `everySeconds`. Without one the daemon
 * plans with `site.ambient` and learns the difference (docs/thermal.md).
 */
export const roomSensorSchema = z
  .strictObject({
    /** Run as is, no shell: the program and its arguments, e.g. `["C:\\sensors\\temper.exe", "-c"]`. */
    command: z.array(z.string().min(1)).min(1).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    /** Where the °C is in the URL's JSON, as a dot path (`sensors.0.celsius`); default: the whole body is the number. */
    field: z.string().min(1).optional(),
    everySeconds: z.number().min(5).max(3600).default(60),
    timeoutSeconds: z.number().min(1).max(60).default(5),
  })
  .refine((sensor) => (sensor.command === undefined) !== (sensor.url === undefined), {
    error: 'give either command or url, not both and not neither',
  })
  .refine((sensor) => sensor.field === undefined || sensor.url !== undefined, {
    error: 'field goes with url',
    path: ['field'],
  });

export type RoomSensorConfig = z.output<typeof roomSensorSchema>;
