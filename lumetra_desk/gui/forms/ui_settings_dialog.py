# Generated from ui/settings_dialog.ui by scripts/compile_forms.py - do not edit; edit the form and recompile.
# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpinBox,
    QTabWidget, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(640, 560)
        self.settingsLayout = QVBoxLayout(SettingsDialog)
        self.settingsLayout.setObjectName(u"settingsLayout")
        self.settingsTabs = QTabWidget(SettingsDialog)
        self.settingsTabs.setObjectName(u"settingsTabs")
        self.companyTab = QWidget()
        self.companyTab.setObjectName(u"companyTab")
        self.companyForm = QFormLayout(self.companyTab)
        self.companyForm.setObjectName(u"companyForm")
        self.companyNameCaption = QLabel(self.companyTab)
        self.companyNameCaption.setObjectName(u"companyNameCaption")

        self.companyForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.companyNameCaption)

        self.companyName = QLineEdit(self.companyTab)
        self.companyName.setObjectName(u"companyName")

        self.companyForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.companyName)

        self.productCaption = QLabel(self.companyTab)
        self.productCaption.setObjectName(u"productCaption")

        self.companyForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.productCaption)

        self.product = QLineEdit(self.companyTab)
        self.product.setObjectName(u"product")

        self.companyForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.product)

        self.companyEmailCaption = QLabel(self.companyTab)
        self.companyEmailCaption.setObjectName(u"companyEmailCaption")

        self.companyForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.companyEmailCaption)

        self.companyEmail = QLineEdit(self.companyTab)
        self.companyEmail.setObjectName(u"companyEmail")

        self.companyForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.companyEmail)

        self.websiteCaption = QLabel(self.companyTab)
        self.websiteCaption.setObjectName(u"websiteCaption")

        self.companyForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.websiteCaption)

        self.website = QLineEdit(self.companyTab)
        self.website.setObjectName(u"website")

        self.companyForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.website)

        self.addressLinesCaption = QLabel(self.companyTab)
        self.addressLinesCaption.setObjectName(u"addressLinesCaption")

        self.companyForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.addressLinesCaption)

        self.addressLines = QPlainTextEdit(self.companyTab)
        self.addressLines.setObjectName(u"addressLines")
        self.addressLines.setTabChangesFocus(True)

        self.companyForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.addressLines)

        self.signatoryNameCaption = QLabel(self.companyTab)
        self.signatoryNameCaption.setObjectName(u"signatoryNameCaption")

        self.companyForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.signatoryNameCaption)

        self.signatoryName = QLineEdit(self.companyTab)
        self.signatoryName.setObjectName(u"signatoryName")

        self.companyForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.signatoryName)

        self.signatoryTitleCaption = QLabel(self.companyTab)
        self.signatoryTitleCaption.setObjectName(u"signatoryTitleCaption")

        self.companyForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.signatoryTitleCaption)

        self.signatoryTitle = QLineEdit(self.companyTab)
        self.signatoryTitle.setObjectName(u"signatoryTitle")

        self.companyForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.signatoryTitle)

        self.settingsTabs.addTab(self.companyTab, "")
        self.mailTab = QWidget()
        self.mailTab.setObjectName(u"mailTab")
        self.mailLayout = QVBoxLayout(self.mailTab)
        self.mailLayout.setObjectName(u"mailLayout")
        self.imapBox = QGroupBox(self.mailTab)
        self.imapBox.setObjectName(u"imapBox")
        self.imapForm = QFormLayout(self.imapBox)
        self.imapForm.setObjectName(u"imapForm")
        self.imapHostCaption = QLabel(self.imapBox)
        self.imapHostCaption.setObjectName(u"imapHostCaption")

        self.imapForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.imapHostCaption)

        self.imapHost = QLineEdit(self.imapBox)
        self.imapHost.setObjectName(u"imapHost")

        self.imapForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.imapHost)

        self.imapPortCaption = QLabel(self.imapBox)
        self.imapPortCaption.setObjectName(u"imapPortCaption")

        self.imapForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.imapPortCaption)

        self.imapPort = QSpinBox(self.imapBox)
        self.imapPort.setObjectName(u"imapPort")
        self.imapPort.setMaximum(65535)
        self.imapPort.setMinimum(1)

        self.imapForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.imapPort)

        self.imapUserCaption = QLabel(self.imapBox)
        self.imapUserCaption.setObjectName(u"imapUserCaption")

        self.imapForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.imapUserCaption)

        self.imapUser = QLineEdit(self.imapBox)
        self.imapUser.setObjectName(u"imapUser")

        self.imapForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.imapUser)

        self.imapPasswordCaption = QLabel(self.imapBox)
        self.imapPasswordCaption.setObjectName(u"imapPasswordCaption")

        self.imapForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.imapPasswordCaption)

        self.imapPassword = QLineEdit(self.imapBox)
        self.imapPassword.setObjectName(u"imapPassword")
        self.imapPassword.setEchoMode(QLineEdit.EchoMode.Password)

        self.imapForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.imapPassword)

        self.imapFolderCaption = QLabel(self.imapBox)
        self.imapFolderCaption.setObjectName(u"imapFolderCaption")

        self.imapForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.imapFolderCaption)

        self.imapFolder = QLineEdit(self.imapBox)
        self.imapFolder.setObjectName(u"imapFolder")

        self.imapForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.imapFolder)

        self.imapSecurityCaption = QLabel(self.imapBox)
        self.imapSecurityCaption.setObjectName(u"imapSecurityCaption")

        self.imapForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.imapSecurityCaption)

        self.imapSecurity = QComboBox(self.imapBox)
        self.imapSecurity.setObjectName(u"imapSecurity")

        self.imapForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.imapSecurity)

        self.imapProcessedCaption = QLabel(self.imapBox)
        self.imapProcessedCaption.setObjectName(u"imapProcessedCaption")

        self.imapForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.imapProcessedCaption)

        self.imapProcessed = QLineEdit(self.imapBox)
        self.imapProcessed.setObjectName(u"imapProcessed")

        self.imapForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.imapProcessed)

        self.imapTestRow = QHBoxLayout()
        self.imapTestRow.setObjectName(u"imapTestRow")
        self.testImapButton = QPushButton(self.imapBox)
        self.testImapButton.setObjectName(u"testImapButton")

        self.imapTestRow.addWidget(self.testImapButton)

        self.imapResult = QLabel(self.imapBox)
        self.imapResult.setObjectName(u"imapResult")
        self.imapResult.setWordWrap(True)

        self.imapTestRow.addWidget(self.imapResult)


        self.imapForm.setLayout(7, QFormLayout.ItemRole.FieldRole, self.imapTestRow)


        self.mailLayout.addWidget(self.imapBox)

        self.smtpBox = QGroupBox(self.mailTab)
        self.smtpBox.setObjectName(u"smtpBox")
        self.smtpForm = QFormLayout(self.smtpBox)
        self.smtpForm.setObjectName(u"smtpForm")
        self.smtpHostCaption = QLabel(self.smtpBox)
        self.smtpHostCaption.setObjectName(u"smtpHostCaption")

        self.smtpForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.smtpHostCaption)

        self.smtpHost = QLineEdit(self.smtpBox)
        self.smtpHost.setObjectName(u"smtpHost")

        self.smtpForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.smtpHost)

        self.smtpPortCaption = QLabel(self.smtpBox)
        self.smtpPortCaption.setObjectName(u"smtpPortCaption")

        self.smtpForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.smtpPortCaption)

        self.smtpPort = QSpinBox(self.smtpBox)
        self.smtpPort.setObjectName(u"smtpPort")
        self.smtpPort.setMaximum(65535)
        self.smtpPort.setMinimum(1)

        self.smtpForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.smtpPort)

        self.smtpUserCaption = QLabel(self.smtpBox)
        self.smtpUserCaption.setObjectName(u"smtpUserCaption")

        self.smtpForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.smtpUserCaption)

        self.smtpUser = QLineEdit(self.smtpBox)
        self.smtpUser.setObjectName(u"smtpUser")

        self.smtpForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.smtpUser)

        self.smtpPasswordCaption = QLabel(self.smtpBox)
        self.smtpPasswordCaption.setObjectName(u"smtpPasswordCaption")

        self.smtpForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.smtpPasswordCaption)

        self.smtpPassword = QLineEdit(self.smtpBox)
        self.smtpPassword.setObjectName(u"smtpPassword")
        self.smtpPassword.setEchoMode(QLineEdit.EchoMode.Password)

        self.smtpForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.smtpPassword)

        self.smtpSecurityCaption = QLabel(self.smtpBox)
        self.smtpSecurityCaption.setObjectName(u"smtpSecurityCaption")

        self.smtpForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.smtpSecurityCaption)

        self.smtpSecurity = QComboBox(self.smtpBox)
        self.smtpSecurity.setObjectName(u"smtpSecurity")

        self.smtpForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.smtpSecurity)

        self.smtpFromCaption = QLabel(self.smtpBox)
        self.smtpFromCaption.setObjectName(u"smtpFromCaption")

        self.smtpForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.smtpFromCaption)

        self.smtpFrom = QLineEdit(self.smtpBox)
        self.smtpFrom.setObjectName(u"smtpFrom")

        self.smtpForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.smtpFrom)

        self.smtpTestRow = QHBoxLayout()
        self.smtpTestRow.setObjectName(u"smtpTestRow")
        self.testSmtpButton = QPushButton(self.smtpBox)
        self.testSmtpButton.setObjectName(u"testSmtpButton")

        self.smtpTestRow.addWidget(self.testSmtpButton)

        self.smtpResult = QLabel(self.smtpBox)
        self.smtpResult.setObjectName(u"smtpResult")
        self.smtpResult.setWordWrap(True)

        self.smtpTestRow.addWidget(self.smtpResult)


        self.smtpForm.setLayout(6, QFormLayout.ItemRole.FieldRole, self.smtpTestRow)


        self.mailLayout.addWidget(self.smtpBox)

        self.settingsTabs.addTab(self.mailTab, "")
        self.remindersTab = QWidget()
        self.remindersTab.setObjectName(u"remindersTab")
        self.remindersForm = QFormLayout(self.remindersTab)
        self.remindersForm.setObjectName(u"remindersForm")
        self.leadDaysCaption = QLabel(self.remindersTab)
        self.leadDaysCaption.setObjectName(u"leadDaysCaption")

        self.remindersForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.leadDaysCaption)

        self.leadDays = QLineEdit(self.remindersTab)
        self.leadDays.setObjectName(u"leadDays")

        self.remindersForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.leadDays)

        self.digestHourCaption = QLabel(self.remindersTab)
        self.digestHourCaption.setObjectName(u"digestHourCaption")

        self.remindersForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.digestHourCaption)

        self.digestHour = QSpinBox(self.remindersTab)
        self.digestHour.setObjectName(u"digestHour")
        self.digestHour.setMaximum(23)

        self.remindersForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.digestHour)

        self.calendarListCaption = QLabel(self.remindersTab)
        self.calendarListCaption.setObjectName(u"calendarListCaption")

        self.remindersForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.calendarListCaption)

        self.calendarList = QListWidget(self.remindersTab)
        self.calendarList.setObjectName(u"calendarList")

        self.remindersForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.calendarList)

        self.settingsTabs.addTab(self.remindersTab, "")

        self.settingsLayout.addWidget(self.settingsTabs)

        self.buttons = QDialogButtonBox(SettingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.settingsLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.companyNameCaption.setBuddy(self.companyName)
        self.productCaption.setBuddy(self.product)
        self.companyEmailCaption.setBuddy(self.companyEmail)
        self.websiteCaption.setBuddy(self.website)
        self.addressLinesCaption.setBuddy(self.addressLines)
        self.signatoryNameCaption.setBuddy(self.signatoryName)
        self.signatoryTitleCaption.setBuddy(self.signatoryTitle)
        self.imapHostCaption.setBuddy(self.imapHost)
        self.imapPortCaption.setBuddy(self.imapPort)
        self.imapUserCaption.setBuddy(self.imapUser)
        self.imapPasswordCaption.setBuddy(self.imapPassword)
        self.imapFolderCaption.setBuddy(self.imapFolder)
        self.imapSecurityCaption.setBuddy(self.imapSecurity)
        self.imapProcessedCaption.setBuddy(self.imapProcessed)
        self.smtpHostCaption.setBuddy(self.smtpHost)
        self.smtpPortCaption.setBuddy(self.smtpPort)
        self.smtpUserCaption.setBuddy(self.smtpUser)
        self.smtpPasswordCaption.setBuddy(self.smtpPassword)
        self.smtpSecurityCaption.setBuddy(self.smtpSecurity)
        self.smtpFromCaption.setBuddy(self.smtpFrom)
        self.leadDaysCaption.setBuddy(self.leadDays)
        self.digestHourCaption.setBuddy(self.digestHour)
        self.calendarListCaption.setBuddy(self.calendarList)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
#if QT_CONFIG(accessibility)
        self.settingsTabs.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Settings sections", None))
#endif // QT_CONFIG(accessibility)
        self.companyNameCaption.setText(QCoreApplication.translate("SettingsDialog", u"Company &name", None))
#if QT_CONFIG(accessibility)
        self.companyName.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Company name", None))
#endif // QT_CONFIG(accessibility)
        self.productCaption.setText(QCoreApplication.translate("SettingsDialog", u"&Product", None))
#if QT_CONFIG(accessibility)
        self.product.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Product", None))
#endif // QT_CONFIG(accessibility)
        self.companyEmailCaption.setText(QCoreApplication.translate("SettingsDialog", u"Privacy &e-mail", None))
#if QT_CONFIG(accessibility)
        self.companyEmail.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Privacy e-mail", None))
#endif // QT_CONFIG(accessibility)
        self.websiteCaption.setText(QCoreApplication.translate("SettingsDialog", u"&Website", None))
#if QT_CONFIG(accessibility)
        self.website.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Website", None))
#endif // QT_CONFIG(accessibility)
        self.addressLinesCaption.setText(QCoreApplication.translate("SettingsDialog", u"Postal &address", None))
#if QT_CONFIG(accessibility)
        self.addressLines.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Postal address", None))
#endif // QT_CONFIG(accessibility)
        self.signatoryNameCaption.setText(QCoreApplication.translate("SettingsDialog", u"Signed &by", None))
#if QT_CONFIG(accessibility)
        self.signatoryName.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Signed by", None))
#endif // QT_CONFIG(accessibility)
        self.signatoryTitleCaption.setText(QCoreApplication.translate("SettingsDialog", u"Signatory &title", None))
#if QT_CONFIG(accessibility)
        self.signatoryTitle.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Signatory title", None))
#endif // QT_CONFIG(accessibility)
        self.settingsTabs.setTabText(self.settingsTabs.indexOf(self.companyTab), QCoreApplication.translate("SettingsDialog", u"Company and signature", None))
        self.imapBox.setTitle(QCoreApplication.translate("SettingsDialog", u"Mailbox (IMAP)", None))
        self.imapHostCaption.setText(QCoreApplication.translate("SettingsDialog", u"&Host", None))
#if QT_CONFIG(accessibility)
        self.imapHost.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Mailbox host", None))
#endif // QT_CONFIG(accessibility)
        self.imapPortCaption.setText(QCoreApplication.translate("SettingsDialog", u"P&ort", None))
#if QT_CONFIG(accessibility)
        self.imapPort.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Mailbox port", None))
#endif // QT_CONFIG(accessibility)
        self.imapUserCaption.setText(QCoreApplication.translate("SettingsDialog", u"&User", None))
#if QT_CONFIG(accessibility)
        self.imapUser.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Mailbox user", None))
#endif // QT_CONFIG(accessibility)
        self.imapPasswordCaption.setText(QCoreApplication.translate("SettingsDialog", u"Pass&word", None))
#if QT_CONFIG(accessibility)
        self.imapPassword.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Mailbox password", None))
#endif // QT_CONFIG(accessibility)
        self.imapPassword.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"kept in the system keyring only; empty keeps the saved one", None))
        self.imapFolderCaption.setText(QCoreApplication.translate("SettingsDialog", u"&Folder", None))
#if QT_CONFIG(accessibility)
        self.imapFolder.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Mailbox folder", None))
#endif // QT_CONFIG(accessibility)
        self.imapSecurityCaption.setText(QCoreApplication.translate("SettingsDialog", u"&Security", None))
#if QT_CONFIG(accessibility)
        self.imapSecurity.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Mailbox security", None))
#endif // QT_CONFIG(accessibility)
        self.imapProcessedCaption.setText(QCoreApplication.translate("SettingsDialog", u"Move processed to", None))
#if QT_CONFIG(accessibility)
        self.imapProcessed.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Move processed to", None))
#endif // QT_CONFIG(accessibility)
        self.testImapButton.setText(QCoreApplication.translate("SettingsDialog", u"Test connection", None))
#if QT_CONFIG(accessibility)
        self.testImapButton.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Test the mailbox connection", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.imapResult.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Mailbox test result", None))
#endif // QT_CONFIG(accessibility)
        self.smtpBox.setTitle(QCoreApplication.translate("SettingsDialog", u"Outgoing mail (SMTP)", None))
        self.smtpHostCaption.setText(QCoreApplication.translate("SettingsDialog", u"Hos&t", None))
#if QT_CONFIG(accessibility)
        self.smtpHost.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Outgoing mail host", None))
#endif // QT_CONFIG(accessibility)
        self.smtpPortCaption.setText(QCoreApplication.translate("SettingsDialog", u"Po&rt", None))
#if QT_CONFIG(accessibility)
        self.smtpPort.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Outgoing mail port", None))
#endif // QT_CONFIG(accessibility)
        self.smtpUserCaption.setText(QCoreApplication.translate("SettingsDialog", u"Us&er", None))
#if QT_CONFIG(accessibility)
        self.smtpUser.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Outgoing mail user", None))
#endif // QT_CONFIG(accessibility)
        self.smtpPasswordCaption.setText(QCoreApplication.translate("SettingsDialog", u"Passwor&d", None))
#if QT_CONFIG(accessibility)
        self.smtpPassword.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Outgoing mail password", None))
#endif // QT_CONFIG(accessibility)
        self.smtpPassword.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"kept in the system keyring only; empty keeps the saved one", None))
        self.smtpSecurityCaption.setText(QCoreApplication.translate("SettingsDialog", u"Se&curity", None))
#if QT_CONFIG(accessibility)
        self.smtpSecurity.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Outgoing mail security", None))
#endif // QT_CONFIG(accessibility)
        self.smtpFromCaption.setText(QCoreApplication.translate("SettingsDialog", u"From address", None))
#if QT_CONFIG(accessibility)
        self.smtpFrom.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"From address", None))
#endif // QT_CONFIG(accessibility)
        self.testSmtpButton.setText(QCoreApplication.translate("SettingsDialog", u"Test connection", None))
#if QT_CONFIG(accessibility)
        self.testSmtpButton.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Test the outgoing mail connection", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.smtpResult.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Outgoing mail test result", None))
#endif // QT_CONFIG(accessibility)
        self.settingsTabs.setTabText(self.settingsTabs.indexOf(self.mailTab), QCoreApplication.translate("SettingsDialog", u"Mail accounts", None))
        self.leadDaysCaption.setText(QCoreApplication.translate("SettingsDialog", u"Remind &days before a deadline", None))
#if QT_CONFIG(accessibility)
        self.leadDays.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Remind days before a deadline", None))
#endif // QT_CONFIG(accessibility)
        self.leadDays.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"e.g. 7, 3, 1 (overdue is always reminded)", None))
        self.digestHourCaption.setText(QCoreApplication.translate("SettingsDialog", u"Daily digest at (&hour)", None))
#if QT_CONFIG(accessibility)
        self.digestHour.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Daily digest at (hour)", None))
#endif // QT_CONFIG(accessibility)
        self.calendarListCaption.setText(QCoreApplication.translate("SettingsDialog", u"Extra holiday &calendars", None))
#if QT_CONFIG(accessibility)
        self.calendarList.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Extra holiday calendars", None))
#endif // QT_CONFIG(accessibility)
        self.settingsTabs.setTabText(self.settingsTabs.indexOf(self.remindersTab), QCoreApplication.translate("SettingsDialog", u"Reminders and calendars", None))
    # retranslateUi
