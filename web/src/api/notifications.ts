// Notifications (通知) and how I want to be told of them by mail.
import { http } from './client';
import type { NotificationList, NotificationSettings } from './types';

export const notifications = {
  list: () => http.get<NotificationList>('/api/v1/notifications?limit=50'),
  markRead: (notificationId: number) => http.post<{ unread: number }>('/api/v1/notifications/read', { id: notificationId }),
  markAllRead: () => http.post<{ unread: number }>('/api/v1/notifications/read', {}),
  settings: () => http.get<NotificationSettings>('/api/v1/me/notification-settings'),
  saveSettings: (settings: NotificationSettings) => http.put<NotificationSettings>('/api/v1/me/notification-settings', settings),
};
