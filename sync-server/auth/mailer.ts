// Outgoing account mail (confirmation, recovery, email change) through nodemailer over SMTP_URL. Without
// SMTP_URL there is no mailer, and the routes that must mail answer `smtp_not_configured` instead.
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}
