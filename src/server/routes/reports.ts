import type { FastifyInstance } from 'fastify';
import { CetakError } from '../../errors.js';
import { isRealDate } from '../../jobs/nik.js';
import { dailyReportCsv } from '../../reports/daily-report.js';
import { statusSchemas } from '../schemas/status-schemas.js';
import type { StatusPortServices } from '../services.js';

type DailyQuery = { Querystring: { date?: string; format?: string } };

/** `GET /api/reports/daily?date=YYYY-MM-DD[&format=csv]`: the day's numbers (default: today). */
export async function reportRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  app.get<DailyQuery>('/api/reports/daily', { schema: statusSchemas.daily }, async (request, reply) => {
    const { date, format } = request.query;
    if (date !== undefined && !isIsoDate(date)) {
      throw new CetakError(
        'REQUEST_INVALID',
        `date must be a real date YYYY-MM-DD (got "${String(date).slice(0, 20)}")`,
        {
          details: ['date: must be YYYY-MM-DD'],
        },
      );
    }
    if (format !== undefined && format !== 'csv' && format !== 'json') {
      throw new CetakError(
        'REQUEST_INVALID',
        `format must be csv or json (got "${String(format).slice(0, 20)}")`,
        {
          details: ['format: must be csv or json'],
        },
      );
    }
    const report = services.dailyReport(date);
    if (format !== 'csv') return report;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cetak-${report.date}.csv"`)
      .send(dailyReportCsv(report));
  });
}

function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}
