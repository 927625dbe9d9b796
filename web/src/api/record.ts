// The person record, for the person's care team: 患者サマリ (versions, insurance numbers on
// request), もしものとき (ACP), consent, 定型文書 and their PDFs, the FHIR export, and the
// vocabularies their codes come from.
import { http, query } from './client';
import type {
  AcpEntry,
  AdvanceCarePlan,
  Consent,
  ConsentInput,
  ConsentOverview,
  FormTemplate,
  Insurance,
  Items,
  RecordForm,
  Summary,
  SummaryVersion,
  SummaryView,
  Vocabularies,
} from './types';

export const record = {
  vocabularies: () => http.get<Vocabularies>('/api/v1/record-vocabularies'),

  // The current summary, or with `version` an earlier one.
  summary: (personId: number, version?: number) => http.get<SummaryView>(`/api/v1/persons/${personId}/summary` + query({ version })),
  // `version`: the one the editor started from (409 if someone saved since).
  saveSummary: (personId: number, version: number, summary: Summary) =>
    http.put<SummaryView>(`/api/v1/persons/${personId}/summary`, { version, summary }),
  summaryHistory: (personId: number) => http.get<Items<SummaryVersion>>(`/api/v1/persons/${personId}/summary/history`),
  // The insurance numbers in the clear (audited each time).
  revealInsurance: (personId: number) => http.post<Insurance>(`/api/v1/persons/${personId}/summary/insurance`),
  fhirExportUrl: (personId: number) => `/api/v1/persons/${personId}/fhir`,

  acp: (personId: number) => http.get<Items<AcpEntry>>(`/api/v1/persons/${personId}/acp`),
  recordAcp: (personId: number, plan: AdvanceCarePlan) => http.post<AcpEntry>(`/api/v1/persons/${personId}/acp`, { plan }),

  consents: (personId: number) => http.get<ConsentOverview>(`/api/v1/persons/${personId}/consents`),
  addConsent: (personId: number, input: ConsentInput) => http.post<Consent>(`/api/v1/persons/${personId}/consents`, input),
  withdrawConsent: (consentId: number, reason: string) => http.post<Consent>(`/api/v1/consents/${consentId}/withdraw`, { reason }),

  formTemplates: () => http.get<Items<FormTemplate>>('/api/v1/form-templates'),
  forms: (personId: number) => http.get<Items<RecordForm>>(`/api/v1/persons/${personId}/forms`),
  // A new draft from a template, filled from the summary.
  createForm: (personId: number, template: string) => http.post<RecordForm>(`/api/v1/persons/${personId}/forms`, { template }),
  form: (formId: number | string) => http.get<RecordForm>(`/api/v1/forms/${formId}`),
  saveForm: (formId: number, version: number, values: Record<string, string>) => http.put<RecordForm>(`/api/v1/forms/${formId}`, { version, values }),
  finalizeForm: (formId: number, version: number) => http.post<RecordForm>(`/api/v1/forms/${formId}/finalize`, { version }),
  formPdfUrl: (formId: number) => `/api/v1/forms/${formId}/pdf`,
};
